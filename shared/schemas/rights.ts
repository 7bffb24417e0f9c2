import * as v from 'valibot'
import { IsoTimestamp } from './common.ts'

/**
 * A family's request made to the booking service by email: forget one
 * request by its id, or every request sent with an address (matched by the
 * keyed HMAC stored beside each lead, never the address in clear).
 */
export const ForgetRequest = v.union(
  [
    v.strictObject({ id: v.pipe(v.string(), v.nonEmpty('Name a request id'), v.maxLength(64)) }),
    v.strictObject({
      email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('Give an email address')),
    }),
  ],
  'Send either {"id"} or {"email"}',
)

export const ForgetResponse = v.object({
  /** The requests withdrawn now (or before: a repeat answers the first time). */
  withdrawn: v.array(
    v.object({
      id: v.string(),
      withdrawnAt: IsoTimestamp,
      /** Coordinator labels that had received it; told on their next pull. */
      recipientsToNotify: v.array(v.string()),
    }),
  ),
})

/** One access or deletion, with how far it has reached. */
export const RightsEntry = v.object({
  id: v.string(),
  inquiryId: v.string(),
  kind: v.picklist(['access', 'deletion']),
  /** `receipt` (the family's link) or `coordinator:LABEL` (asked by email). */
  via: v.string(),
  at: IsoTimestamp,
  ageDays: v.number(),
  /** Coordinator labels that had received the lead. */
  recipients: v.array(v.string()),
  /** Of those, the ones that acknowledged deleting their copies (deletions only). */
  confirmed: v.array(v.string()),
  /** An access is answered at once; a deletion once every recipient confirmed. */
  complete: v.boolean(),
})

export const RIGHTS_LIST_MAX = 1000

/**
 * Days a request may take to be answered in full: Washington's My Health My
 * Data Act allows 45 (the notice promises 30, at the latest 45).
 */
export const RIGHTS_DEADLINE_DAYS = 45

export const RightsResponse = v.object({
  /** Newest first, at most 1,000. */
  requests: v.array(RightsEntry),
  more: v.boolean(),
})

export type ForgetRequest = v.InferOutput<typeof ForgetRequest>
export type ForgetResponse = v.InferOutput<typeof ForgetResponse>
export type RightsEntry = v.InferOutput<typeof RightsEntry>
export type RightsResponse = v.InferOutput<typeof RightsResponse>
