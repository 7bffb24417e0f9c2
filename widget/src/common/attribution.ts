import type { Attribution } from '../../../shared/schemas/attribution.ts'
import {
  ATTRIBUTION_PAGE_MAX,
  ATTRIBUTION_TAG_MAX,
  PAGE_PATTERN,
  pageCarriesPerson,
  TAG_PATTERN,
  tagCarriesPerson,
} from '../../../shared/schemas/attribution-rules.ts'

/**
 * A tag as the schema takes it, or nothing: a partner's odd UTM value must
 * never cost a family a refused request, so it is cut to length or dropped.
 */
function tag(value: string | null): string | undefined {
  const text = value?.trim().slice(0, ATTRIBUTION_TAG_MAX).trim()
  return text && TAG_PATTERN.test(text) && !tagCarriesPerson(text) ? text : undefined
}

function path(value: string | null): string | undefined {
  const text = value?.slice(0, ATTRIBUTION_PAGE_MAX)
  return text && PAGE_PATTERN.test(text) && !pageCarriesPerson(text) ? text : undefined
}

/**
 * Where on the partner's site the request starts: its `utm_*` parameters
 * and path (never the query or fragment), the element's `campaign`
 * attribute first when the partner set one. Nothing about the family.
 */
export function readAttribution(
  params: URLSearchParams,
  pathname: string | null,
  campaignAttribute: string | null,
): Attribution | undefined {
  const found: Attribution = {
    source: tag(params.get('utm_source')),
    medium: tag(params.get('utm_medium')),
    campaign: tag(campaignAttribute) ?? tag(params.get('utm_campaign')),
    page: path(pathname),
  }
  const kept = Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined))
  return Object.keys(kept).length > 0 ? kept : undefined
}

/** The attribution of the page the widget is on, read when the family sends. */
export function pageAttribution(campaignAttribute: string | null): Attribution | undefined {
  return readAttribution(new URLSearchParams(location.search), location.pathname, campaignAttribute)
}

/**
 * The same attribution as URL parameters, for a frame of the Worker's
 * origin (the request form) that cannot read the partner page's URL; the
 * frame reads them back with `frameAttribution`.
 */
export function attributionParams(attribution: Attribution | undefined): URLSearchParams {
  const params = new URLSearchParams()
  if (attribution?.source) params.set('utm_source', attribution.source)
  if (attribution?.medium) params.set('utm_medium', attribution.medium)
  if (attribution?.campaign) params.set('utm_campaign', attribution.campaign)
  if (attribution?.page) params.set('page', attribution.page)
  return params
}

export function frameAttribution(params: URLSearchParams): Attribution | undefined {
  return readAttribution(params, params.get('page'), null)
}
