import { DEFAULT_BUDGET_CURRENCY } from '../../shared/limits.ts'
import { priceIn, type RateFacts, rateFor } from '../../shared/rules/rates.ts'
import type { BudgetNote, ClinicsQuery, ClinicView } from '../../shared/schemas/api.ts'

function normaliseCity(city: string): string {
  return city
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/**
 * Applies the query filters; `city` ignores case and accents ("cancun" finds
 * Cancún). A budget keeps a clinic with a package starting at or below it,
 * converted at a fresh rate when the package is priced in another currency;
 * the note says which rates were used and which currencies were not compared.
 */
export function filterClinics(
  clinics: ClinicView[],
  rates: readonly RateFacts[],
  query: ClinicsQuery,
): { clinics: ClinicView[]; budget?: BudgetNote } {
  const city = query.city === undefined ? undefined : normaliseCity(query.city)
  const currency = query.currency ?? DEFAULT_BUDGET_CURRENCY
  const { maxPrice } = query
  const kept = clinics.filter((clinic) => {
    if (query.route && !clinic.routes.includes(query.route)) return false
    if (city !== undefined && normaliseCity(clinic.city) !== city) return false
    if (maxPrice === undefined) return true
    return clinic.packages.some((p) => {
      const price = priceIn(rates, p, currency)
      return price !== undefined && price.min <= maxPrice
    })
  })
  if (maxPrice === undefined) return { clinics: kept }
  const others = new Set(clinics.flatMap((c) => c.packages.map((p) => p.currency)))
  others.delete(currency)
  const convertedWith: string[] = []
  const notCompared: string[] = []
  for (const other of [...others].sort()) {
    const rate = rateFor(rates, other, currency)
    if (rate && !rate.stale) convertedWith.push(rate.id)
    else notCompared.push(other)
  }
  return { clinics: kept, budget: { maxPrice, currency, convertedWith, notCompared } }
}

/** A stable key for a filter set, so equal queries share an ETag. */
export function filterKey(query: ClinicsQuery): string {
  const currency =
    query.maxPrice === undefined ? undefined : (query.currency ?? DEFAULT_BUDGET_CURRENCY)
  const parts = [query.route, query.maxPrice, currency, query.city && normaliseCity(query.city)]
  if (parts.every((part) => part === undefined)) return ''
  return parts.map((part) => encodeURIComponent(String(part ?? ''))).join('.')
}
