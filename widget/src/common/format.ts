import type { RateFacts } from '../../../shared/rules/rates.ts'
import type { Package } from '../../../shared/schemas/package.ts'
import type { Lang } from './strings.ts'

export const DAY_MS = 86_400_000

/** Licence dates are calendar dates; read them as UTC so no time zone shifts the day. */
export function parseDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`)
}

/** A range of whole amounts in a currency. */
function formatRange(min: number, max: number, currency: string, lang: Lang): string {
  const nf = new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 })
  return min === max ? nf.format(min) : nf.formatRange(min, max)
}

/** A package's range in its own currency. */
export function formatPrice(pkg: Package, lang: Lang): string {
  return formatRange(pkg.priceMin, pkg.priceMax, pkg.currency, lang)
}

/** A converted range, rounded to hundreds: it is an approximation, and reads as one. */
export function formatApprox(
  price: { min: number; max: number },
  currency: string,
  lang: Lang,
): string {
  const round = (n: number) => Math.round(n / 100) * 100
  return `≈ ${formatRange(round(price.min), round(price.max), currency, lang)}`
}

/** A calendar date as a family reads it ("Dec 4, 2026"), in UTC so no time zone moves the day. */
export function formatDate(isoDate: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    parseDate(isoDate),
  )
}

/** What a converted price rests on: "17.9 MXN per USD (Banco de México, FIX, Dec 4, 2026)". */
export function describeRate(rate: RateFacts, per: string, lang: Lang): string {
  const n = new Intl.NumberFormat(lang, { maximumSignificantDigits: 6 }).format(rate.rate)
  return `${n} ${rate.quote} ${per} ${rate.base} (${rate.source}, ${formatDate(rate.date, lang)})`
}
