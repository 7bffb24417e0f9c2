import * as v from 'valibot'
import { DEAD_LETTER_REASONS } from '../errors.ts'
import { IsoTimestamp } from './common.ts'
import { SHARING } from './consent.ts'

/**
 * The coordinators' pull/ack API, shaped like Cloudflare Queues' HTTP pull
 * consumers: the same defaults and maximums, camelCase field names.
 */
export const PULL_BATCH_SIZE_DEFAULT = 10
export const PULL_BATCH_SIZE_MAX = 100
export const VISIBILITY_TIMEOUT_MS_DEFAULT = 30_000
export const VISIBILITY_TIMEOUT_MS_MIN = 1_000
/** 12 hours, as in Queues. */
export const VISIBILITY_TIMEOUT_MS_MAX = 43_200_000
const RETRY_DELAY_SECONDS_MAX = 43_200
export const ACK_ITEMS_MAX = 100
/** A coordinator token shorter than this is refused by the Worker and the CLI: it could be guessed. */
export const COORDINATOR_TOKEN_MIN_LENGTH = 32

const int = (min: number, max: number, what: string) =>
  v.pipe(
    v.number(`${what} must be a number`),
    v.integer(`${what} must be a whole number`),
    v.minValue(min, `${what} must be at least ${min}`),
    v.maxValue(max, `${what} must be at most ${max}`),
  )

export const PullRequest = v.strictObject({
  batchSize: v.optional(int(1, PULL_BATCH_SIZE_MAX, 'batchSize'), PULL_BATCH_SIZE_DEFAULT),
  /** How long the pulled leads stay hidden from other pulls unless acked. */
  visibilityTimeoutMs: v.optional(
    int(VISIBILITY_TIMEOUT_MS_MIN, VISIBILITY_TIMEOUT_MS_MAX, 'visibilityTimeoutMs'),
    VISIBILITY_TIMEOUT_MS_DEFAULT,
  ),
})

/** Opaque, unguessable; valid until the visibility timeout passes. */
const LeaseId = v.pipe(
  v.string('A lease id is a string'),
  v.nonEmpty('A lease id is a string'),
  v.maxLength(64, 'Not a lease id'),
)

/**
 * A lead's inquiry as it was accepted: valid under the rules of the day it
 * was sealed (see `Inquiry` for today's fields). A stored lead is never
 * re-validated against a rule made later, so tightening one cannot make old
 * leads unpullable.
 */
export const StoredInquiry = v.looseObject({
  partnerId: v.string(),
  clinicIds: v.array(v.string()),
})

/** A review flag as it was derived when the lead was stored. */
export const StoredLeadFlag = v.looseObject({ question: v.string(), answer: v.string() })

/** A consent record as it was sealed (shared/schemas/consent.ts has today's fields). */
export const StoredConsentRecord = v.looseObject({
  noticeVersion: v.string(),
  shareWithClinics: v.boolean(),
})

/** A lead id, as a family was given it. */
const LeadId = v.pipe(
  v.string('A lead id is a string'),
  v.nonEmpty('A lead id is a string'),
  v.maxLength(64, 'Not a lead id'),
)

export const PulledLead = v.object({
  leaseId: LeaseId,
  /** The inquiry id the family was given. */
  id: v.string(),
  receivedAt: IsoTimestamp,
  /** 1 on the first pull, one higher on every pull after a lease expired or was retried. */
  attempts: v.number(),
  inquiry: StoredInquiry,
  flags: v.array(StoredLeadFlag),
  /** What the family agreed to (absent on leads stored before consent records were kept). */
  consent: v.optional(StoredConsentRecord),
  /** `do-not-share-with-clinics` unless the family said yes to sharing: nothing of it goes to a clinic. */
  sharing: v.picklist(SHARING),
})

export const PullResponse = v.object({
  leads: v.array(PulledLead),
  /**
   * Leads leased by this pull that could not be decrypted or validated (a
   * missing LEADS_KEY version, a damaged row). They are not returned, are
   * parked for an hour and logged by id; a client keeps pulling while this is
   * above zero.
   */
  skipped: v.number(),
  /**
   * Ids of leads this coordinator token received that the family has since
   * withdrawn: delete them wherever they were kept, then acknowledge with
   * `deletions` in an ack. They are listed on every pull until acknowledged.
   */
  deletions: v.array(v.string()),
})

export const AckRequest = v.strictObject({
  /** Leases whose leads are safely handled: they are never handed out again. */
  acks: v.optional(
    v.pipe(
      v.array(LeaseId),
      v.maxLength(ACK_ITEMS_MAX, `At most ${ACK_ITEMS_MAX} acks per request`),
    ),
    [],
  ),
  /** Leases to give back: the lead becomes pullable again after `delaySeconds` (default 0). */
  retries: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          leaseId: LeaseId,
          delaySeconds: v.optional(int(0, RETRY_DELAY_SECONDS_MAX, 'delaySeconds'), 0),
        }),
      ),
      v.maxLength(ACK_ITEMS_MAX, `At most ${ACK_ITEMS_MAX} retries per request`),
    ),
    [],
  ),
  /** Withdrawn leads (from a pull's `deletions`) this coordinator has deleted from its copies. */
  deletions: v.optional(
    v.pipe(
      v.array(LeadId),
      v.maxLength(ACK_ITEMS_MAX, `At most ${ACK_ITEMS_MAX} deletions per request`),
    ),
    [],
  ),
})

export const AckResponse = v.object({
  /**
   * Named leases whose leads are acknowledged, by this request or an earlier
   * one (a repeated ack answers as the first did); an expired or unknown
   * lease counts nothing.
   */
  acked: v.number(),
  /** Leases given back by this request; a dead or acked lease counts nothing. */
  retried: v.number(),
  /** Named deletions this token has acknowledged, by this request or an earlier one. */
  deletionsAcked: v.number(),
})

export type PullRequest = v.InferOutput<typeof PullRequest>
export type PulledLead = v.InferOutput<typeof PulledLead>
export type PullResponse = v.InferOutput<typeof PullResponse>
export type AckRequest = v.InferOutput<typeof AckRequest>
export type AckResponse = v.InferOutput<typeof AckResponse>

/** A message intake could not store, as operators see it: ids and codes, never its body. */
const DeadLetterView = v.object({
  /** The queue message id. */
  id: v.string(),
  inquiryId: v.nullable(v.string()),
  reason: v.picklist(DEAD_LETTER_REASONS),
  attempts: v.number(),
  deadAt: IsoTimestamp,
  replayedAt: v.nullable(IsoTimestamp),
})

export const DEAD_LETTERS_LIST_MAX = 1000

export const DeadLettersResponse = v.object({
  /** Oldest first, at most 1,000. */
  deadLetters: v.array(DeadLetterView),
  /** More dead letters match than were listed. */
  more: v.boolean(),
})

export const DeadLettersQuery = v.strictObject({
  /** `pending` (default): not yet replayed; `all`: replayed ones too. */
  status: v.optional(v.picklist(['pending', 'all'], 'Use status=pending or status=all'), 'pending'),
})

export const ReplayRequest = v.strictObject({
  ids: v.pipe(
    v.array(v.pipe(v.string(), v.nonEmpty(), v.maxLength(128))),
    v.minLength(1, 'Name at least one dead letter'),
    v.maxLength(ACK_ITEMS_MAX, `At most ${ACK_ITEMS_MAX} ids per request`),
  ),
})

export const ReplayResponse = v.object({
  /** Sent back to the INQUIRIES queue and marked replayed. */
  replayed: v.array(v.string()),
  /** No dead letter with that id, or it was replayed before. */
  notFound: v.array(v.string()),
  /** Its stored body is not an inquiry message, so it cannot be replayed. */
  unreplayable: v.array(v.string()),
  /** The queue refused it this time; it stays pending, behind the letters not yet refused. */
  failed: v.array(v.string()),
  /** Dead letters still pending after this replay (a later replay or cron run takes them). */
  remaining: v.number(),
})

export type DeadLettersResponse = v.InferOutput<typeof DeadLettersResponse>
export type ReplayRequest = v.InferOutput<typeof ReplayRequest>
export type ReplayResponse = v.InferOutput<typeof ReplayResponse>
