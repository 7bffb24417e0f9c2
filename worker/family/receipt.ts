import { macFor } from '../crypto/lead-cipher.ts'

const encode = (mac: Uint8Array) => mac.toBase64({ alphabet: 'base64url', omitPadding: true })

/**
 * The family's receipt secret: `INQUIRY_ID.KEY_VERSION.MAC`, the MAC a keyed
 * HMAC of the inquiry id. Derived, never stored: a repeat of the same
 * request (the same id) gets the same link, and the Worker keeps nothing
 * that could be stolen to forge one. It names its key version, so a link
 * stays valid after LEADS_KEY rotates, while that version is in the keyring.
 */
async function receiptSecret(secret: string, inquiryId: string): Promise<string> {
  const result = await macFor(secret, 'receipt', inquiryId)
  if (!result) throw new Error('the current key version is always in the keyring')
  return `${inquiryId}.${result.keyVersion}.${encode(result.mac)}`
}

/** The link the frame shows: the secret in the fragment, which browsers never send to a server. */
function receiptUrl(origin: string, receipt: string, lang: string): string {
  return `${origin}/my-request?lang=${lang}#${receipt}`
}

const RECEIPT = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/

/**
 * The inquiry id a receipt stands for, or undefined: its MAC is compared
 * with the expected one in constant time, so timing tells nothing of how
 * much of a guess was right.
 */
export async function openReceipt(secret: string, receipt: string): Promise<string | undefined> {
  const match = RECEIPT.exec(receipt)
  if (!match) return undefined
  const [, id = '', version = '', given = ''] = match
  const expected = await macFor(secret, 'receipt', id, version)
  if (!expected) return undefined
  // Compared as text: one MAC has one spelling (base64url decoders ignore a last character's spare bits).
  const want = new TextEncoder().encode(encode(expected.mac))
  const got = new TextEncoder().encode(given)
  return want.byteLength === got.byteLength && crypto.subtle.timingSafeEqual(want, got)
    ? id
    : undefined
}

/** The receipt link of an accepted inquiry, in the language its notice was shown in. */
export async function receiptLink(
  secret: string,
  origin: string,
  inquiryId: string,
  inquiry: { language: string; noticeLanguage?: string | undefined },
): Promise<string> {
  const lang = inquiry.noticeLanguage ?? inquiry.language
  return receiptUrl(origin, await receiptSecret(secret, inquiryId), lang)
}
