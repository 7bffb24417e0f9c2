import * as v from 'valibot'
import {
  ATTRIBUTION_PAGE_MAX,
  ATTRIBUTION_TAG_MAX,
  PAGE_PATTERN,
  TAG_PATTERN,
} from './attribution-rules.ts'

export { ATTRIBUTION_PAGE_MAX, ATTRIBUTION_TAG_MAX }

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
