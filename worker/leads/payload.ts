import * as v from 'valibot'
import { Inquiry, LeadFlag } from '../../shared/schemas/inquiry.ts'
import { open, type Sealed, seal } from '../crypto/lead-cipher.ts'

/** What a lead row keeps encrypted: everything the family sent and what it implies. */
export const LeadPayload = v.object({
  inquiry: Inquiry,
  flags: v.array(LeadFlag),
})

export type LeadPayload = v.InferOutput<typeof LeadPayload>

/** The lead id is the associated data, so a ciphertext cannot be moved to another row. */
export function sealLead(secret: string, id: string, payload: LeadPayload): Promise<Sealed> {
  return seal(secret, JSON.stringify(payload), `lead:${id}`)
}

export async function openLead(secret: string, id: string, sealed: Sealed): Promise<LeadPayload> {
  return v.parse(LeadPayload, JSON.parse(await open(secret, sealed, `lead:${id}`)))
}
