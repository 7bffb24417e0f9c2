import * as v from 'valibot'
import { Inquiry } from '../../shared/schemas/inquiry.ts'
import { open, Sealed, seal } from '../crypto/lead-cipher.ts'

/**
 * What travels on the INQUIRIES queue. The inquiry is sealed before it is
 * sent, so personal data is encrypted in the queue and in dead letters too.
 */
export const InquiryMessage = v.object({
  v: v.literal(1),
  id: v.string(),
  partnerId: v.string(),
  receivedAt: v.number(),
  sealed: Sealed,
})

export type InquiryMessage = v.InferOutput<typeof InquiryMessage>

/** `json` is the inquiry as JSON.stringify writes it, when the caller has it already. */
export async function sealInquiry(
  secret: string,
  id: string,
  receivedAt: number,
  inquiry: Inquiry,
  json = JSON.stringify(inquiry),
): Promise<InquiryMessage> {
  const sealed: Sealed = await seal(secret, json, `inquiry:${id}`)
  return { v: 1, id, partnerId: inquiry.partnerId, receivedAt, sealed }
}

/** Opens and re-validates a message's inquiry; throws if either fails. */
export async function openInquiry(secret: string, message: InquiryMessage): Promise<Inquiry> {
  return v.parse(Inquiry, JSON.parse(await open(secret, message.sealed, `inquiry:${message.id}`)))
}
