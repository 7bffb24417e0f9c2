import type { Package } from '../../shared/schemas/package.ts'
import type { Lang } from './strings.ts'

const DAY_MS = 86_400_000

/** Licence dates are calendar dates; read them as UTC so no time zone shifts the day. */
export function parseDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`)
}

export function formatDate(isoDate: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    parseDate(isoDate),
  )
}

/** "3 months ago", "last year", "today": the largest unit that is at least one. */
export function formatAgo(isoDate: string, lang: Lang, now = Date.now()): string {
  const days = Math.round((parseDate(isoDate).getTime() - now) / DAY_MS)
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })
  const abs = Math.abs(days)
  if (abs >= 365) return rtf.format(Math.trunc(days / 365), 'year')
  if (abs >= 30) return rtf.format(Math.trunc(days / 30), 'month')
  if (abs >= 7) return rtf.format(Math.trunc(days / 7), 'week')
  return rtf.format(days, 'day')
}

export function isOlderThanAYear(isoDate: string, now = Date.now()): boolean {
  return now - parseDate(isoDate).getTime() > 365 * DAY_MS
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

export function formatPercent(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  )
}

export function languageNames(codes: string[], lang: Lang): string {
  const names = new Intl.DisplayNames(lang, { type: 'language' })
  return new Intl.ListFormat(lang).format(codes.map((code) => names.of(code) ?? code))
}

export function formatDecimal(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)
}
