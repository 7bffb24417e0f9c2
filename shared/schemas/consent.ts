import * as v from 'valibot'
import { INQUIRY_LANGUAGES } from '../limits.ts'
import { IsoTimestamp } from './common.ts'

/**
 * What a family agreed to, as the Worker recorded it at intake and sealed
 * into the lead: the notice it was shown (version, language and the SHA-256
 * of its text, which the Worker computes: the browser only names the
 * version), both choices, when, for which partner and from which origin.
 */
export const ConsentRecord = v.object({
  noticeVersion: v.string(),
  /** SHA-256 (hex) of the notice text; null on requests sealed before notices were versioned. */
  noticeSha256: v.nullable(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
  language: v.picklist(INQUIRY_LANGUAGES),
  /** Consent to keep and use the answers for this request: required, so always true. */
  keepAndUse: v.literal(true),
  /** Consent to share the answers with the clinics named; false means "do not share with clinics". */
  shareWithClinics: v.boolean(),
  at: IsoTimestamp,
  partnerId: v.string(),
  /** The Origin the form was sent from (the Worker's own for its request frame); null: a partner's server. */
  formOrigin: v.nullable(v.string()),
})

export type ConsentRecord = v.InferOutput<typeof ConsentRecord>

/** How coordinators must treat a lead, from its consent: carried in JSONL and CSV. */
export const SHARING = ['share-with-clinics', 'do-not-share-with-clinics'] as const
export type Sharing = (typeof SHARING)[number]

/** Without a recorded yes (a lead from before the second consent too), nothing goes to a clinic. */
export function sharingOf(consent: { shareWithClinics?: unknown } | undefined): Sharing {
  return consent?.shareWithClinics === true ? 'share-with-clinics' : 'do-not-share-with-clinics'
}
