import * as v from 'valibot'

/** Record ids are URL-safe slugs so they can sit in paths and KV keys. */
export const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use 1–63 lowercase letters, digits or hyphens'),
)

/** A trimmed, non-empty string with an upper bound, so no field is unbounded. */
export function text(max: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('Must not be empty'),
    v.maxLength(max, `At most ${max} characters`),
  )
}

export const IsoDate = v.pipe(v.string(), v.isoDate('Use a date as YYYY-MM-DD'))

export const IsoTimestamp = v.pipe(
  v.string(),
  v.isoTimestamp('Use an ISO 8601 timestamp, e.g. 2026-01-31T12:00:00Z'),
)

/** Languages are ISO 639-1 codes; the widget names them with Intl.DisplayNames. */
export const LanguageCode = v.pipe(v.string(), v.regex(/^[a-z]{2}$/, 'Use an ISO 639-1 code'))

export function uniqueItems<T>(items: T[]): boolean {
  return new Set(items).size === items.length
}

/** ISO 4217, e.g. USD or MXN. */
export const CurrencyCode = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code such as USD or MXN'),
)
