import * as v from 'valibot'
import { text } from '../../shared/schemas/common.ts'
import { ConsentRecord } from '../../shared/schemas/consent.ts'
import { Inquiry, InquiryFields } from '../../shared/schemas/inquiry.ts'
import { open, Sealed, seal } from '../crypto/lead-cipher.ts'
import { consentRecord } from '../family/consent.ts'

/**
 * What travels on the INQUIRIES queue. The inquiry is sealed before it is
 * sent, so personal data is encrypted in the queue and in dead letters too.
 * Version 2 binds the partner and the received time to the ciphertext, so a
 * dead letter whose partner was edited in D1 cannot be replayed as another
 * partner's lead; version 3 seals the consent record beside the inquiry.
 * Versions 1 (the id alone) and 2 are still read.
 */
export const InquiryMessage = v.object({
  v: v.picklist([1, 2, 3]),
  id: v.string(),
  partnerId: v.string(),
  receivedAt: v.number(),
  sealed: Sealed,
})

export type InquiryMessage = v.InferOutput<typeof InquiryMessage>

/**
 * An inquiry sealed before the notice versions were a closed list carries
 * the version string its browser sent; it is kept as it was, never
 * re-judged by today's list, so such a message still becomes a lead.
 */
const EarlierInquiry = v.strictObject({ ...InquiryFields.entries, consentVersion: text(40) })

/** An inquiry as a message carries it: today's, or one sealed before versions were checked. */
export type SealedInquiry = v.InferOutput<typeof EarlierInquiry>

const SealedV3 = v.object({ inquiry: Inquiry, consent: ConsentRecord })

function context(message: Pick<InquiryMessage, 'v' | 'id' | 'partnerId' | 'receivedAt'>): string {
  if (message.v === 1) return `inquiry:${message.id}`
  return `inquiry:v${message.v}:${message.id}|${message.partnerId}|${message.receivedAt}`
}

export interface SealOptions {
  /** The inquiry as JSON.stringify writes it, when the caller has it already. */
  json?: string | undefined
  /** The Origin the request came with (null: a server-side client); kept in the consent record. */
  formOrigin?: string | null
}

export async function sealInquiry(
  secret: string,
  id: string,
  receivedAt: number,
  inquiry: Inquiry,
  options: SealOptions = {},
): Promise<InquiryMessage> {
  const bound = { v: 3, id, partnerId: inquiry.partnerId, receivedAt } as const
  const consent = await consentRecord(inquiry, {
    receivedAt,
    formOrigin: options.formOrigin ?? null,
  })
  const json = options.json ?? JSON.stringify(inquiry)
  const plaintext = `{"inquiry":${json},"consent":${JSON.stringify(consent)}}`
  return { ...bound, sealed: await seal(secret, plaintext, context(bound)) }
}

export interface OpenedInquiry {
  inquiry: SealedInquiry
  consent: ConsentRecord
}

/**
 * A message sealed before consent records (v1, v2) had one consent box:
 * its record says so (no notice hash) and shares nothing with clinics,
 * since no separate yes to sharing was ever given.
 */
function earlierConsent(inquiry: SealedInquiry, message: InquiryMessage): ConsentRecord {
  return {
    noticeVersion: inquiry.consentVersion,
    noticeSha256: null,
    language: inquiry.noticeLanguage ?? inquiry.language,
    keepAndUse: true,
    shareWithClinics: false,
    at: new Date(message.receivedAt).toISOString(),
    partnerId: message.partnerId,
    formOrigin: null,
  }
}

/** Opens and re-validates a message's inquiry; throws if either fails or the partners differ. */
export async function openInquiry(secret: string, message: InquiryMessage): Promise<OpenedInquiry> {
  const json: unknown = JSON.parse(await open(secret, message.sealed, context(message)))
  let opened: OpenedInquiry
  if (message.v === 3) {
    opened = v.parse(SealedV3, json)
  } else {
    const inquiry = v.parse(EarlierInquiry, json)
    opened = { inquiry, consent: earlierConsent(inquiry, message) }
  }
  if (
    opened.inquiry.partnerId !== message.partnerId ||
    opened.consent.partnerId !== message.partnerId
  )
    throw new Error('partner differs from the sealed inquiry')
  return opened
}
