import * as v from 'valibot'
import {
  ATTRIBUTION_PAGE_MAX,
  ATTRIBUTION_TAG_MAX,
  PAGE_PATTERN,
  pageCarriesPerson,
  TAG_PATTERN,
  tagCarriesPerson,
} from './attribution-rules.ts'

export { ATTRIBUTION_PAGE_MAX, ATTRIBUTION_TAG_MAX }

export const Tag = v.pipe(
  v.string('Use a string'),
  v.trim(),
  v.nonEmpty('Must not be empty'),
  v.maxLength(ATTRIBUTION_TAG_MAX, `At most ${ATTRIBUTION_TAG_MAX} characters`),
  v.regex(TAG_PATTERN, "Use letters, digits, spaces and - _ . ~ + : / | ( ) , ! ' &"),
  v.check(
    (tag) => !tagCarriesPerson(tag),
    'Must not hold an email address or a phone or account number',
  ),
)

const Page = v.pipe(
  v.string('Use a string'),
  v.maxLength(ATTRIBUTION_PAGE_MAX, `At most ${ATTRIBUTION_PAGE_MAX} characters`),
  v.regex(PAGE_PATTERN, 'Use a path such as /blog/post, without query, fragment or "@"'),
  v.check(
    (path) => !pageCarriesPerson(path),
    'Use the page’s path without anything about a person: no email, long number, id or query-like part',
  ),
)

/**
 * Where on the partner's site a request came from: the page's UTM parameters
 * and path. It describes the partner's page, never the family (the checks
 * above refuse what would name a person, even percent-encoded), so it is
 * stored beside the lead in clear and counted in reports; a campaign the
 * partner has not registered is dropped at intake.
 */
export const Attribution = v.strictObject({
  source: v.optional(Tag),
  medium: v.optional(Tag),
  campaign: v.optional(Tag),
  page: v.optional(Page),
})

export type Attribution = v.InferOutput<typeof Attribution>
