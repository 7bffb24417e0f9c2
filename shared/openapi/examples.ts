import { CURRENT_NOTICE_VERSION } from '../privacy/versions.ts'
import type { ClinicView, ErrorBody } from '../schemas/api.ts'
import type { ExchangeRateView } from '../schemas/exchange-rate.ts'
import type { InquiryInput } from '../schemas/inquiry.ts'
import type { Partner } from '../schemas/partner.ts'
import type { Provenance } from '../schemas/provenance.ts'

/** How a fact was checked, as the sample catalog records it (fictional). */
const provenance = (method: Provenance['method'], checkedAt: string): Provenance => ({
  method,
  evidenceSha256: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
  checkedBy: 'op-marta',
  checkedAt,
})

/** Examples shown in /openapi.json; a test parses each with its schema. */
export const clinicExample: ClinicView = {
  id: 'aurora-tijuana',
  sample: true,
  name: 'Aurora Cell Clinic (sample)',
  facility: {
    name: 'Centro Médico Aurora Muestra S.A. de C.V.',
    address: 'Av. Ficticia 101, Zona Río, Tijuana, B.C.',
    provenance: provenance('document-seen', '2026-10-02'),
  },
  city: 'Tijuana',
  licences: {
    stemCellBank: {
      kind: 'licencia-sanitaria',
      procedure: 'COFEPRIS-09-023',
      number: 'SAMPLE-BCO-0001',
      holderName: 'Centro Médico Aurora Muestra S.A. de C.V.',
      address: 'Av. Ficticia 101, Zona Río, Tijuana, B.C.',
      provenance: provenance('document-seen', '2026-10-02'),
    },
    regenerativeMedicine: {
      kind: 'aviso-de-funcionamiento',
      number: 'SAMPLE-AVISO-0001',
      holderName: 'Centro Médico Aurora Muestra S.A. de C.V.',
      address: 'Av. Ficticia 101, Zona Río, Tijuana, B.C.',
      provenance: provenance('clinic-provided-copy', '2026-10-02'),
    },
  },
  routes: ['iv', 'intrathecal'],
  cellSource: 'wharton-jelly-msc',
  certificateOfAnalysis: {
    provided: true,
    minViabilityPercent: 97,
    sterilityTested: true,
    provenance: provenance('document-seen', '2026-10-02'),
  },
  physicianLedPlan: true,
  languages: ['es', 'en'],
  rating: {
    value: 4.6,
    count: 38,
    provenance: {
      ...provenance('document-seen', '2026-11-01'),
      method: 'public-source',
      source: 'Example Reviews (sample)',
      evidenceUrl: 'https://reviews.example.org/aurora-tijuana',
    },
  },
  updatedAt: '2026-11-01T00:00:00Z',
  warnings: ['bankOnly', 'aviso'],
  operators: [{ id: 'op-marta', name: 'Marta Ortega, verification desk (sample)' }],
  packages: [
    {
      id: 'aurora-iv',
      clinicId: 'aurora-tijuana',
      name: 'IV protocol (sample)',
      priceMin: 14000,
      priceMax: 18000,
      currency: 'USD',
      includes: ['Physician review', 'Certificate of Analysis'],
      provenance: provenance('document-seen', '2026-10-02'),
    },
  ],
}

export const exchangeRateExample: ExchangeRateView = {
  id: 'usd-mxn',
  base: 'USD',
  quote: 'MXN',
  rate: 17.9,
  date: '2026-12-04',
  source: 'Banco de México, FIX (sample figure)',
  provenance: provenance('registry-lookup', '2026-12-04'),
  stale: false,
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
  consentVersion: CURRENT_NOTICE_VERSION,
  attribution: {
    source: 'newsletter',
    medium: 'email',
    campaign: 'spring-2026',
    page: '/blog/comparing-msc-clinics',
  },
}
