// The one rule for warning signs. The Worker computes them into every clinic
// it serves, catalog:freshness prints them, the widget words them. No valibot
// here: the widget's first render imports this module's types only, and the
// schemas import the constants, never the other way round.

import { EVIDENCE_MAX_AGE_YEARS, isStaleVerification } from './freshness.ts'

/** Viability below this is flagged; it is the usual stated minimum in the field. */
const MIN_EXPECTED_VIABILITY_PERCENT = 95

/**
 * What a COFEPRIS record is: a permit COFEPRIS granted (licencia sanitaria)
 * or a notice the clinic filed (aviso de funcionamiento), which permits nothing.
 */
export const LICENCE_KINDS = ['licencia-sanitaria', 'aviso-de-funcionamiento'] as const

export type LicenceKind = (typeof LICENCE_KINDS)[number]

/** Every warning sign, in the order a parent reads them. */
export const WARNING_CODES = [
  'bankOnly',
  'noLicence',
  'aviso',
  'holder',
  'address',
  'stale',
  'noCoa',
  'viability',
] as const

export type WarningCode = (typeof WARNING_CODES)[number]

/** What each code means, for the OpenAPI document and the operators' docs. */
export const WARNING_MEANINGS: Record<WarningCode, string> = {
  bankOnly:
    'Only the Stem Cell Bank Licence: the clinic may process and store cells but not treat patients.',
  noLicence: 'Neither COFEPRIS licence is on record as a licencia sanitaria.',
  aviso:
    'A record is an aviso de funcionamiento, a notice the clinic filed, not a permit: it counts as no licence.',
  holder: "A licence's holder name does not match the facility's name.",
  address: "A licence's address does not match the facility's address.",
  stale: `A licence was last verified more than ${EVIDENCE_MAX_AGE_YEARS} year ago.`,
  noCoa: 'No Certificate of Analysis is provided before infusion.',
  viability: `The stated minimum viability is below ${MIN_EXPECTED_VIABILITY_PERCENT} %.`,
}

interface LicenceFacts {
  kind: LicenceKind
  holderName: string
  address: string
  /** When an operator last checked it: the date a licence turns stale from. */
  provenance: { checkedAt: string }
}

/** The parts of a clinic record the rule reads. */
export interface WarningFacts {
  facility: { name: string; address: string }
  licences: { stemCellBank: LicenceFacts | null; regenerativeMedicine: LicenceFacts | null }
  certificateOfAnalysis: { provided: boolean; minViabilityPercent: number | null }
}

/** Case, accents, punctuation and spacing do not make a name or address different. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^\p{L}\p{N}]+/gu, '')
      .toLowerCase()
  return norm(a) === norm(b)
}

/** The warning signs of a clinic at `now` (epoch ms), in the order of WARNING_CODES. */
export function clinicWarnings(clinic: WarningFacts, now: number): WarningCode[] {
  const out: WarningCode[] = []
  const { stemCellBank, regenerativeMedicine } = clinic.licences
  // An aviso permits nothing: for what each licence is shown for, it is none.
  const permit = (l: LicenceFacts | null) => l?.kind === 'licencia-sanitaria'
  if (!permit(regenerativeMedicine)) out.push(permit(stemCellBank) ? 'bankOnly' : 'noLicence')
  const licences = [stemCellBank, regenerativeMedicine].filter((l) => l !== null)
  if (licences.some((l) => !permit(l))) out.push('aviso')
  if (licences.some((l) => !sameText(l.holderName, clinic.facility.name))) out.push('holder')
  if (licences.some((l) => !sameText(l.address, clinic.facility.address))) out.push('address')
  // The same rule as catalog:freshness's oldEvidence (shared/rules/freshness.ts).
  if (licences.some((l) => isStaleVerification(l.provenance.checkedAt, now))) out.push('stale')
  const coa = clinic.certificateOfAnalysis
  if (!coa.provided) out.push('noCoa')
  const viability = coa.minViabilityPercent
  if (viability !== null && viability < MIN_EXPECTED_VIABILITY_PERCENT) out.push('viability')
  return out
}
