import type { Lang } from '../../common/strings.ts'

// Formats only the comparison shows: they load with its chunk, not with the list.

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
