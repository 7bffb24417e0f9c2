import { DEFAULT_BUDGET_CURRENCY } from '../../shared/limits.ts'
import type { ClinicsQuery, ClinicView } from '../../shared/schemas/api.ts'

function normaliseCity(city: string): string {
  return city
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/** Applies the query filters; `city` ignores case and accents ("cancun" finds Cancún). */
export function filterClinics(clinics: ClinicView[], query: ClinicsQuery): ClinicView[] {
  const city = query.city === undefined ? undefined : normaliseCity(query.city)
  const currency = query.currency ?? DEFAULT_BUDGET_CURRENCY
  return clinics.filter((clinic) => {
    if (query.route && !clinic.routes.includes(query.route)) return false
    if (city !== undefined && normaliseCity(clinic.city) !== city) return false
    const { maxPrice } = query
    if (maxPrice !== undefined) {
      return clinic.packages.some((p) => p.currency === currency && p.priceMin <= maxPrice)
    }
    return true
  })
}

/** A stable key for a filter set, so equal queries share an ETag. */
export function filterKey(query: ClinicsQuery): string {
  const currency =
    query.maxPrice === undefined ? undefined : (query.currency ?? DEFAULT_BUDGET_CURRENCY)
  const parts = [query.route, query.maxPrice, currency, query.city && normaliseCity(query.city)]
  if (parts.every((part) => part === undefined)) return ''
  return parts.map((part) => encodeURIComponent(String(part ?? ''))).join('.')
}
