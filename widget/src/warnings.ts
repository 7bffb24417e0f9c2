import type { ClinicView } from '../../shared/schemas/api.ts'
import type { MIN_EXPECTED_VIABILITY_PERCENT } from '../../shared/schemas/clinic.ts'
import { isOlderThanAYear } from './format.ts'

// A type-only import keeps valibot out of the first render; the type is the
// literal value, so this stops compiling if the shared threshold changes.
const MIN_VIABILITY: typeof MIN_EXPECTED_VIABILITY_PERCENT = 95

/** The warning signs; the comparison words them (ui/compare-strings.ts `w`), the list counts them. */
export type WarningCode =
  | 'bankOnly'
  | 'noLicence'
  | 'holder'
  | 'address'
  | 'stale'
  | 'noCoa'
  | 'viability'

/** Case, accents, punctuation and spacing do not make a name or address different. */
function same(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^\p{L}\p{N}]+/gu, '')
      .toLowerCase()
  return norm(a) === norm(b)
}

/** The warning signs of a clinic, in the order a parent reads them. */
export function clinicWarnings(clinic: ClinicView): WarningCode[] {
  const out: WarningCode[] = []
  const { stemCellBank, regenerativeMedicine } = clinic.licences
  if (!regenerativeMedicine) out.push(stemCellBank ? 'bankOnly' : 'noLicence')
  const licences = [stemCellBank, regenerativeMedicine].filter((l) => l !== null)
  if (licences.some((l) => !same(l.holderName, clinic.facility.name))) out.push('holder')
  if (licences.some((l) => !same(l.address, clinic.facility.address))) out.push('address')
  if (licences.some((l) => isOlderThanAYear(l.verifiedAt))) out.push('stale')
  const coa = clinic.certificateOfAnalysis
  if (!coa.provided) out.push('noCoa')
  const viability = coa.minViabilityPercent
  if (viability !== null && viability < MIN_VIABILITY) out.push('viability')
  return out
}
