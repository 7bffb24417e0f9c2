import type { Inquiry } from '../../shared/schemas/inquiry.ts'
import type { Partner } from '../../shared/schemas/partner.ts'

/**
 * The inquiry as it is kept: its campaign only if the partner registered it.
 * Anything else (a tag per visitor, a typo) is kept as no campaign, so a
 * partner's report can never single out one family by a value it chose.
 */
export function withRegisteredCampaign(inquiry: Inquiry, partner: Partner): Inquiry {
  const campaign = inquiry.attribution?.campaign
  if (campaign === undefined || partner.campaigns?.includes(campaign)) return inquiry
  const { campaign: _dropped, ...rest } = inquiry.attribution ?? {}
  const { attribution: _attribution, ...withoutAttribution } = inquiry
  return Object.keys(rest).length > 0
    ? { ...withoutAttribution, attribution: rest }
    : withoutAttribution
}
