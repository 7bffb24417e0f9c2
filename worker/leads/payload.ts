import * as v from 'valibot'
import type { ConsentRecord } from '../../shared/schemas/consent.ts'
import type { LeadFlag } from '../../shared/schemas/inquiry.ts'
import {
  StoredConsentRecord,
  StoredInquiry,
  StoredLeadFlag,
} from '../../shared/schemas/leads-api.ts'
import { KeyringError, open, type Sealed, seal } from '../crypto/lead-cipher.ts'
import type { SealedInquiry } from '../queue/message.ts'

/** The version written into every sealed payload now: 2 added the consent record. */
const LEAD_PAYLOAD_VERSION = 2

/** What a lead row keeps encrypted, as written now. */
export interface LeadPayload {
  v: typeof LEAD_PAYLOAD_VERSION
  inquiry: SealedInquiry
  flags: LeadFlag[]
  consent: ConsentRecord
}

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
  v.object({
    v: v.literal(2),
    inquiry: StoredInquiry,
    flags: v.array(StoredLeadFlag),
    consent: StoredConsentRecord,
  }),
])

export type StoredPayload = v.InferOutput<typeof ReadPayload>

/** What a lead row keeps in clear that its ciphertext vouches for. */
export interface LeadBinding {
  id: string
  partnerId: string
  receivedAt: number
}

/**
 * The associated data of a lead's ciphertext: its id, the partner it
 * credits and when it was received. A row whose partner or time was changed
 * in D1, or a ciphertext moved to another row, no longer opens.
 */
function boundContext(lead: LeadBinding): string {
  return `lead:v2:${lead.id}|${lead.partnerId}|${lead.receivedAt}`
}

/** Leads sealed before the partner and time were bound carried only their id. */
const idOnlyContext = (lead: LeadBinding) => `lead:${lead.id}`

export function sealLead(
  secret: string,
  lead: LeadBinding,
  payload: Omit<LeadPayload, 'v'>,
): Promise<Sealed> {
  const written: LeadPayload = { v: LEAD_PAYLOAD_VERSION, ...payload }
  return seal(secret, JSON.stringify(written), boundContext(lead))
}

/**
 * Opens a lead against its row. A lead sealed with the partner and time
 * bound never opens under the id-only context, so the fallback for older
 * leads cannot be used to move a newer one.
 */
export async function openLead(
  secret: string,
  lead: LeadBinding,
  sealed: Sealed,
): Promise<StoredPayload> {
  let text: string
  try {
    text = await open(secret, sealed, boundContext(lead))
  } catch (error) {
    if (error instanceof KeyringError) throw error
    text = await open(secret, sealed, idOnlyContext(lead)).catch(() => {
      throw error
    })
  }
  return v.parse(ReadPayload, JSON.parse(text))
}
