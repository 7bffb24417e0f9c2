import { DAY_MS, parseDate } from '../format.ts'
import type { Lang } from '../strings.ts'

// Formats only the comparison shows: they load with its chunk, not with the list.

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

export function languageNames(codes: string[], lang: Lang): string {
  const names = new Intl.DisplayNames(lang, { type: 'language' })
  return new Intl.ListFormat(lang).format(codes.map((code) => names.of(code) ?? code))
}

export function formatDecimal(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)
}

export function formatPercent(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  )
}
