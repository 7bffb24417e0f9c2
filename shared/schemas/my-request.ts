import * as v from 'valibot'
import { IsoTimestamp } from './common.ts'
import { ConsentRecord } from './consent.ts'
import { StoredConsentRecord, StoredInquiry, StoredLeadFlag } from './leads-api.ts'

/** A receipt as the family's page posts it: the secret from the link's fragment. */
export const ReceiptRequest = v.strictObject({
  receipt: v.pipe(v.string('Send the receipt from the link'), v.maxLength(200, 'Not a receipt')),
})

/** One coordinator who received the request, by its token's label. */
export const Delivery = v.object({
  recipient: v.string(),
  receivedAt: IsoTimestamp,
  acknowledgedAt: v.nullable(IsoTimestamp),
})

/**
 * What the Worker keeps about a family's request, for the family: its
 * answers, the consent record and who received it. `queued` while the
 * request is still on its way to the lead store (nothing to show yet).
 */
/**
 * A clinic the request named, by the name the catalog gives it now; `name`
 * is null once the clinic has left the catalog (or the catalog cannot be
 * read just then), and the page shows its id.
 */
export const NamedClinic = v.object({
  id: v.string(),
  name: v.nullable(v.string()),
})

export const MyRequestView = v.object({
  id: v.string(),
  status: v.picklist(['queued', 'stored']),
  receivedAt: v.nullable(IsoTimestamp),
  inquiry: v.nullable(StoredInquiry),
  flags: v.array(StoredLeadFlag),
  consent: v.nullable(v.union([ConsentRecord, StoredConsentRecord])),
  deliveries: v.array(Delivery),
  clinics: v.array(NamedClinic),
})

export const Withdrawal = v.object({
  id: v.string(),
  status: v.literal('withdrawn'),
  withdrawnAt: IsoTimestamp,
  /** Coordinators who had received it and are told, on their next pull, to delete their copies. */
  recipientsToNotify: v.array(v.string()),
})

export type ReceiptRequest = v.InferOutput<typeof ReceiptRequest>
export type Delivery = v.InferOutput<typeof Delivery>
export type NamedClinic = v.InferOutput<typeof NamedClinic>
export type MyRequestView = v.InferOutput<typeof MyRequestView>
export type Withdrawal = v.InferOutput<typeof Withdrawal>
