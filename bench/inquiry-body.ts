import * as v from 'valibot'
import { CURRENT_NOTICE_VERSION } from '../shared/privacy/versions.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { Inquiry, type InquiryInput } from '../shared/schemas/inquiry.ts'

export const BENCH_PARTNER = 'demo'

/**
 * A valid inquiry for the sample catalog, varied by `n` so bodies differ.
 * Parsed with the shared schema, so a schema change breaks the bench loudly
 * instead of turning every request into a 422.
 */
export function validInquiry(catalog: CatalogFile, n: number): InquiryInput {
  const clinic = catalog.clinics[n % catalog.clinics.length]
  if (!clinic) throw new Error('The sample catalog has no clinics')
  const pkg = catalog.packages.find((p) => p.clinicId === clinic.id)
  const body: InquiryInput = {
    partnerId: BENCH_PARTNER,
    clinicIds: [clinic.id],
    ...(pkg ? { packageIds: [pkg.id] } : {}),
    parentName: `Bench Parent ${n} (sample)`,
    email: `bench-${n}@example.test`,
    phone: '+52 664 000 0000',
    contactChannel: n % 2 === 0 ? 'email' : 'whatsapp',
    language: n % 2 === 0 ? 'en' : 'es',
    country: 'MX',
    childAgeYears: n % 18,
    message: 'Sample inquiry sent by npm run bench.',
    preScreen: {
      activeInfection: 'no',
      uncontrolledSeizures: n % 3 === 0 ? 'not-sure' : 'no',
      kidneyOrLiverProblems: 'no',
      geneticSyndrome: 'no',
    },
    consent: true,
    consentVersion: CURRENT_NOTICE_VERSION,
  }
  v.parse(Inquiry, body)
  return body
}
