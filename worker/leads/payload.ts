import * as v from 'valibot'
import { Inquiry, LeadFlag } from '../../shared/schemas/inquiry.ts'
import { StoredInquiry, StoredLeadFlag } from '../../shared/schemas/leads-api.ts'
import { open, type Sealed, seal } from '../crypto/lead-cipher.ts'

/** The version written into every sealed payload now. */
const LEAD_PAYLOAD_VERSION = 1

/** What a lead row keeps encrypted, as written now: checked strictly. */
export const LeadPayload = v.object({
  v: v.literal(LEAD_PAYLOAD_VERSION),
  inquiry: Inquiry,
  flags: v.array(LeadFlag),
})

export type LeadPayload = v.InferOutput<typeof LeadPayload>

/**
 * Every payload version ever written, each read leniently: a lead is
 * checked against the rules of the day it was sealed, never today's. Version
 * 1 was first written without its `v` field. A new version adds an entry.
 */
const ReadPayload = v.variant('v', [
  v.object({
    v: v.optional(v.literal(1), 1),
    inquiry: StoredInquiry,
    flags: v.array(StoredLeadFlag),
  }),
])

export type StoredPayload = v.InferOutput<typeof ReadPayload>

/** The lead id is the associated data, so a ciphertext cannot be moved to another row. */
export function sealLead(
  secret: string,
  id: string,
  payload: Omit<LeadPayload, 'v'>,
): Promise<Sealed> {
  const written: LeadPayload = { v: LEAD_PAYLOAD_VERSION, ...payload }
  return seal(secret, JSON.stringify(written), `lead:${id}`)
}

export async function openLead(secret: string, id: string, sealed: Sealed): Promise<StoredPayload> {
  return v.parse(ReadPayload, JSON.parse(await open(secret, sealed, `lead:${id}`)))
}
