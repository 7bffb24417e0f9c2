import type { ClinicView } from '../../shared/schemas/api.ts'
import type { MIN_EXPECTED_VIABILITY_PERCENT } from '../../shared/schemas/clinic.ts'
import { formatPercent, isOlderThanAYear } from './format.ts'
import type { Lang, Strings } from './strings.ts'

// A type-only import keeps valibot out of the first render; the type is the
// literal value, so this stops compiling if the shared threshold changes.
const MIN_VIABILITY: typeof MIN_EXPECTED_VIABILITY_PERCENT = 95

/** Case, accents, punctuation and spacing do not make a name or address different. */
function same(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^\p{L}\p{N}]+/gu, '')
      .toLowerCase()
  return norm(a) === norm(b)
}

/** The warning signs of a clinic, in the words a parent reads them in. */
export function clinicWarnings(clinic: ClinicView, t: Strings, lang: Lang): string[] {
  const out: string[] = []
  const { stemCellBank, regenerativeMedicine } = clinic.licences
  if (!regenerativeMedicine) out.push(stemCellBank ? t.w.bankOnly : t.w.noLicence)
  const licences = [stemCellBank, regenerativeMedicine].filter((l) => l !== null)
  if (licences.some((l) => !same(l.holderName, clinic.facility.name))) out.push(t.w.holder)
  if (licences.some((l) => !same(l.address, clinic.facility.address))) out.push(t.w.address)
  if (licences.some((l) => isOlderThanAYear(l.verifiedAt))) out.push(t.w.stale)
  const coa = clinic.certificateOfAnalysis
  if (!coa.provided) out.push(t.w.noCoa)
  const viability = coa.minViabilityPercent
  if (viability !== null && viability < MIN_VIABILITY) {
    out.push(t.w.viability(formatPercent(viability, lang)))
  }
  return out
}
