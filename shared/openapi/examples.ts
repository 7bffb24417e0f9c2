import type { ClinicView, ErrorBody } from '../schemas/api.ts'
import type { InquiryInput } from '../schemas/inquiry.ts'
import type { Partner } from '../schemas/partner.ts'

/** Examples shown in /openapi.json; a test parses each with its schema. */
export const clinicExample: ClinicView = {
  id: 'aurora-tijuana',
  sample: true,
  name: 'Aurora Cell Clinic (sample)',
  facility: {
    name: 'Centro Médico Aurora Muestra S.A. de C.V.',
    address: 'Av. Ficticia 101, Zona Río, Tijuana, B.C.',
  },
  city: 'Tijuana',
  licences: {
    stemCellBank: {
      kind: 'licencia-sanitaria',
      procedure: 'COFEPRIS-09-023',
      number: 'SAMPLE-BCO-0001',
      holderName: 'Centro Médico Aurora Muestra S.A. de C.V.',
      address: 'Av. Ficticia 101, Zona Río, Tijuana, B.C.',
      verifiedAt: '2026-10-02',
    },
    regenerativeMedicine: null,
  },
  routes: ['iv', 'intrathecal'],
  cellSource: 'wharton-jelly-msc',
  certificateOfAnalysis: { provided: true, minViabilityPercent: 97, sterilityTested: true },
  physicianLedPlan: true,
  languages: ['es', 'en'],
  rating: { value: 4.6, count: 38 },
  updatedAt: '2026-11-01T00:00:00Z',
  warnings: ['bankOnly'],
  packages: [
    {
      id: 'aurora-iv',
      clinicId: 'aurora-tijuana',
      name: 'IV protocol (sample)',
      priceMin: 14000,
      priceMax: 18000,
      currency: 'USD',
      includes: ['Physician review', 'Certificate of Analysis'],
    },
  ],
}

export const publicPartnerExample: Pick<Partner, 'id' | 'name' | 'showNeutralContext'> = {
  id: 'demo',
  name: 'Demo partner (sample)',
  showNeutralContext: true,
}

export const errorExample: ErrorBody = {
  error: 'invalid_filter',
  message: 'A filter value is not valid.',
  issues: [{ path: 'route', message: 'Use "iv" or "intrathecal"' }],
}

export const inquiryExample: InquiryInput = {
  partnerId: 'demo',
  clinicIds: ['aurora-tijuana', 'cedro-cancun'],
  packageIds: ['aurora-iv'],
  parentName: 'Ana Ejemplo',
  email: 'ana@example.com',
  phone: '+52 55 5555 0100',
  contactChannel: 'whatsapp',
  language: 'es',
  country: 'MX',
  childAgeYears: 7,
  message: 'We would like to know what the physician review involves.',
  preScreen: {
    activeInfection: 'no',
    uncontrolledSeizures: 'not-sure',
    kidneyOrLiverProblems: 'no',
    geneticSyndrome: 'no',
  },
  consent: true,
  consentVersion: '2026-11-01',
  attribution: {
    source: 'newsletter',
    medium: 'email',
    campaign: 'spring-2026',
    page: '/blog/comparing-msc-clinics',
  },
}
