// The attribution rules without valibot, so the widget's first render can
// apply them (cut or drop a partner's UTM values) without the schema library.

/** Longest `source`, `medium` or `campaign` kept; the widget cuts longer UTM values to this. */
export const ATTRIBUTION_TAG_MAX = 100
/** Longest page path kept; the widget cuts a longer `location.pathname` to this. */
export const ATTRIBUTION_PAGE_MAX = 512

/**
 * UTM values as partners write them ("spring-newsletter", "Boletín 2026"):
 * letters, digits and a little punctuation. No "@", so an email address
 * pasted into a campaign name is refused instead of stored in clear.
 */
export const TAG_PATTERN = /^[\p{L}\p{N}\p{M} _.~+\-:/|(),!'&]+$/u

/** A URL path as `location.pathname` gives it: percent-encoded, no query, no fragment, no "@". */
export const PAGE_PATTERN = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:%/]*$/

/**
 * Percent-decoding byte by byte, repeated while it changes (a value may be
 * encoded twice), never throwing: only ASCII matters to the checks below,
 * and `%40` must be seen as "@" whether or not the rest is valid UTF-8.
 */
function percentDecoded(text: string): string {
  let current = text
  for (let round = 0; round < 3; round++) {
    const next = current.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
    if (next === current) break
    current = next
  }
  return current
}

/** Dates such as 2026-11-05 or 2026/11: digits a campaign or a blog path often holds. */
const DATE_LIKE = /(?:19|20)\d{2}[-/._](?:0[1-9]|1[0-2])(?:[-/._](?:0[1-9]|[12]\d|3[01]))?/g
/** Seven digits or more, as a phone or an account number is written: "5551234567", "+52 55 1234 5678", "(415) 555-0142". */
const LONG_NUMBER = /\d(?:[\s.()+-]{0,2}\d){6,}/

/** An email address or a long number (a phone, an account): a person, not a page. */
function namesPerson(decoded: string): boolean {
  return decoded.includes('@') || LONG_NUMBER.test(decoded.replace(DATE_LIKE, ' '))
}

/** Path segments after which the next one names someone: /users/ana-garcia-1985. */
const PERSON_COLLECTIONS = new Set([
  'u',
  'user',
  'users',
  'profile',
  'profiles',
  'member',
  'members',
  'people',
  'person',
  'account',
  'accounts',
  'customer',
  'customers',
  'patient',
  'patients',
  'family',
  'families',
  'child',
  'children',
  'my',
  'me',
])

/** A UUID, or one unbroken run of 16 letters and digits with both in it: an id or a token. */
const ID_LIKE =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{16,})$/i
/** What a query or matrix parameter leaves in a path: it carries values, not a page. */
const QUERY_LIKE = /[?=&#;]/

/** Whether a UTM value carries a person (an email, a phone number) after percent-decoding. */
export function tagCarriesPerson(value: string): boolean {
  return namesPerson(percentDecoded(value))
}

/**
 * Whether a page path carries a person or an id after percent-decoding: an
 * "@", a long number, query-like text, an id-like segment, or any segment
 * under a collection of people (/users/NAME). Such a path is dropped by the
 * widget and refused by the API; the partner's page is still credited.
 */
export function pageCarriesPerson(path: string): boolean {
  const decoded = percentDecoded(path)
  if (QUERY_LIKE.test(decoded)) return true
  const segments = decoded.split('/').filter(Boolean)
  return segments.some(
    (segment, i) =>
      namesPerson(segment) ||
      ID_LIKE.test(segment) ||
      (i > 0 && PERSON_COLLECTIONS.has((segments[i - 1] ?? '').toLowerCase())),
  )
}
