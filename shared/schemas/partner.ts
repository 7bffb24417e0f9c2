import * as v from 'valibot'
import { Tag } from './attribution.ts'
import { Id, text, uniqueItems } from './common.ts'

/** An origin as browsers send it: scheme, host and optional port, no path. */
const Origin = v.pipe(
  v.string(),
  v.regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'Use an origin such as https://blog.example'),
)

/** The origins a partner's pages are served from. */
export const PartnerOrigins = v.pipe(v.array(Origin), v.maxLength(50))

/** The SHA-256 of a report token or API key, as `sha256sum` prints it. */
const TokenSha256 = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{64}$/, 'Use the SHA-256 of the token as 64 lowercase hex digits'),
)

/** How many report tokens a partner may hold at once: enough to rotate, not to hoard. */
const REPORT_TOKENS_MAX = 5
/** API keys at once: the one in use and its replacement while it rotates. */
const API_KEYS_MAX = 2
/** Campaigns one partner may register. */
const CAMPAIGNS_MAX = 200

export const Partner = v.object({
  id: Id,
  name: text(120),
  active: v.boolean(),
  allowedOrigins: PartnerOrigins,
  /** The partner may hide the neutral context, never reword it. */
  showNeutralContext: v.boolean(),
  /**
   * Digests of the tokens the operator gave this partner to read its own
   * report; more than one while a token rotates. The tokens themselves are
   * never stored.
   */
  reportTokenSha256: v.optional(
    v.pipe(
      v.array(TokenSha256),
      v.maxLength(REPORT_TOKENS_MAX, `At most ${REPORT_TOKENS_MAX} tokens`),
      v.check(uniqueItems, 'A digest is listed twice'),
    ),
  ),
  /**
   * Digests of the API keys the partner's own server sends requests with
   * (`Authorization: Bearer`); two while a key rotates. The keys themselves
   * are never stored.
   */
  apiKeySha256: v.optional(
    v.pipe(
      v.array(TokenSha256),
      v.maxLength(
        API_KEYS_MAX,
        `At most ${API_KEYS_MAX} keys: the current one and its replacement`,
      ),
      v.check(uniqueItems, 'A digest is listed twice'),
    ),
  ),
  /**
   * The campaign names the partner registered with the operator. A request's
   * campaign is kept only if it is listed here; any other value (a per-visitor
   * tag, say) is stored as no campaign, so a campaign can never single out a family.
   */
  campaigns: v.optional(
    v.pipe(
      v.array(Tag),
      v.maxLength(CAMPAIGNS_MAX, `At most ${CAMPAIGNS_MAX} campaigns`),
      v.check(uniqueItems, 'A campaign is listed twice'),
    ),
  ),
})

/** What the widget may know about a partner: no origins, nothing internal. */
export const PublicPartner = v.pick(Partner, ['id', 'name', 'showNeutralContext'])

export type Partner = v.InferOutput<typeof Partner>
export type PublicPartner = v.InferOutput<typeof PublicPartner>
