import type { Package } from '../../shared/schemas/package.ts'
import type { Lang } from './strings.ts'

export const DAY_MS = 86_400_000

/** Licence dates are calendar dates; read them as UTC so no time zone shifts the day. */
export function parseDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`)
}

/** A package's range in its own currency; prices are never converted. */
export function formatPrice(pkg: Package, lang: Lang): string {
  const nf = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency: pkg.currency,
    maximumFractionDigits: 0,
  })
  return pkg.priceMin === pkg.priceMax
    ? nf.format(pkg.priceMin)
    : nf.formatRange(pkg.priceMin, pkg.priceMax)
}
