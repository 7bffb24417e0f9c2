import * as v from 'valibot'
import { Inquiry } from '../../shared/schemas/inquiry.ts'
import { open, Sealed, seal } from '../crypto/lead-cipher.ts'

/**
 * What travels on the INQUIRIES queue. The inquiry is sealed before it is
 * sent, so personal data is encrypted in the queue and in dead letters too.
 * Version 2 binds the partner and the received time to the ciphertext, so a
 * dead letter whose partner was edited in D1 cannot be replayed as another
 * partner's lead; version 1 (the id alone) is still read.
 */
export const InquiryMessage = v.object({
  v: v.picklist([1, 2]),
  id: v.string(),
  partnerId: v.string(),
  receivedAt: v.number(),
  sealed: Sealed,
})

export type InquiryMessage = v.InferOutput<typeof InquiryMessage>

function context(message: Pick<InquiryMessage, 'v' | 'id' | 'partnerId' | 'receivedAt'>): string {
  return message.v === 1
    ? `inquiry:${message.id}`
    : `inquiry:v2:${message.id}|${message.partnerId}|${message.receivedAt}`
}

/** `json` is the inquiry as JSON.stringify writes it, when the caller has it already. */
export async function sealInquiry(
  secret: string,
  id: string,
  receivedAt: number,
  inquiry: Inquiry,
  json = JSON.stringify(inquiry),
): Promise<InquiryMessage> {
  const bound = { v: 2, id, partnerId: inquiry.partnerId, receivedAt } as const
  return { ...bound, sealed: await seal(secret, json, context(bound)) }
}

/** Opens and re-validates a message's inquiry; throws if either fails or the partners differ. */
export async function openInquiry(secret: string, message: InquiryMessage): Promise<Inquiry> {
  const inquiry = v.parse(Inquiry, JSON.parse(await open(secret, message.sealed, context(message))))
  if (inquiry.partnerId !== message.partnerId)
    throw new Error('partner differs from the sealed inquiry')
  return inquiry
}
