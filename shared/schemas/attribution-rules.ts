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
