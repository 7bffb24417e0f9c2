import * as v from 'valibot'

/** Longest `source`, `medium` or `campaign` kept; the widget cuts longer UTM values to this. */
export const ATTRIBUTION_TAG_MAX = 100
/** Longest page path kept; the widget cuts a longer `location.pathname` to this. */
export const ATTRIBUTION_PAGE_MAX = 512

/**
 * UTM values as partners write them ("spring-newsletter", "Boletín 2026"):
 * letters, digits and a little punctuation. No "@", so an email address
 * pasted into a campaign name is refused instead of stored in clear.
 */
const TAG_PATTERN = /^[\p{L}\p{N}\p{M} _.~+\-:/|(),!'&]+$/u

/** A URL path as `location.pathname` gives it: percent-encoded, no query, no fragment, no "@". */
const PAGE_PATTERN = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:%/]*$/

const Tag = v.pipe(
  v.string('Use a string'),
  v.trim(),
  v.nonEmpty('Must not be empty'),
  v.maxLength(ATTRIBUTION_TAG_MAX, `At most ${ATTRIBUTION_TAG_MAX} characters`),
  v.regex(TAG_PATTERN, "Use letters, digits, spaces and - _ . ~ + : / | ( ) , ! ' &"),
)

const Page = v.pipe(
  v.string('Use a string'),
  v.maxLength(ATTRIBUTION_PAGE_MAX, `At most ${ATTRIBUTION_PAGE_MAX} characters`),
  v.regex(PAGE_PATTERN, 'Use a path such as /blog/post, without query, fragment or "@"'),
)

/**
 * Where on the partner's site a request came from: the page's UTM parameters
 * and path. It describes the partner's page, never the family, so it is
 * stored beside the lead in clear and counted in reports.
 */
export const Attribution = v.strictObject({
  source: v.optional(Tag),
  medium: v.optional(Tag),
  campaign: v.optional(Tag),
  page: v.optional(Page),
})

export type Attribution = v.InferOutput<typeof Attribution>

export const ATTRIBUTION_FIELDS = ['source', 'medium', 'campaign', 'page'] as const

/** Whether one attribution value would be accepted (the widget drops the ones that would not). */
export function isAttributionValue(
  field: (typeof ATTRIBUTION_FIELDS)[number],
  value: string,
): boolean {
  return v.is(field === 'page' ? Page : Tag, value)
}
