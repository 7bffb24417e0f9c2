import { sha256, toHex } from '../crypto/sha256.ts'
import { ApiError } from '../http/api-error.ts'

export const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/** The Idempotency-Key header, if any; a malformed one is refused rather than ignored. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  if (!KEY_PATTERN.test(header)) {
    throw new ApiError(
      'invalid_idempotency_key',
      'Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID.',
    )
  }
  return header
}

/** Sets the UUID version (8, custom) and variant bits, so derived ids look like random ones. */
function uuidFromBytes(digest: Uint8Array): string {
  const bytes = digest.slice(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const h = toHex(bytes)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * The inquiry id a key stands for. Derived, not stored, so a repeat gets the
 * same id even if its first attempt never reached any store; the consumer's
 * insert-once by id then makes every repeat the same lead.
 */
export async function inquiryIdForKey(partnerId: string, key: string): Promise<string> {
  return uuidFromBytes(new Uint8Array(await sha256(`clinic-compare/inquiry\n${partnerId}\n${key}`)))
}

/**
 * What the store keeps of a body: an HMAC under a key derived from LEADS_KEY
 * (worker/crypto/lead-cipher.ts), named by its version. Without the secret,
 * no one can test guesses of a family's answers against it.
 */
export interface BodyMac {
  keyVersion: string
  mac: string
}

/** The body's MAC under `keyVersion` (the current key when absent); undefined once that key is gone. */
export type MacFor = (keyVersion?: string) => Promise<BodyMac | undefined>

export type KeyClaim = { kind: 'new' } | { kind: 'repeat' } | { kind: 'conflict' }

/** Records which body a key was first used with; one statement on the usual path. */
export async function claimKey(
  db: D1Database,
  inquiryId: string,
  body: BodyMac,
  now: number,
  macFor: MacFor,
): Promise<KeyClaim> {
  const inserted = await db
    .prepare(
      'INSERT INTO idempotency_keys (inquiry_id, body_mac, key_version, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (inquiry_id) DO NOTHING',
    )
    .bind(inquiryId, body.mac, body.keyVersion, now)
    .run()
  if (inserted.meta.changes > 0) return { kind: 'new' }
  const stored = await db
    .prepare(
      'SELECT body_mac AS mac, key_version AS keyVersion FROM idempotency_keys WHERE inquiry_id = ?1',
    )
    .bind(inquiryId)
    .first<BodyMac>()
  // A row deleted in between (a failed first attempt cleaning up) is as good as new.
  if (stored === null) return { kind: 'new' }
  // The first attempt may have used a key version since rotated out of first place.
  const comparable = stored.keyVersion === body.keyVersion ? body : await macFor(stored.keyVersion)
  // That version is gone from the keyring: the body cannot be compared. The key
  // still names one inquiry id, so a repeat is still one lead.
  if (!comparable || comparable.mac === stored.mac) return { kind: 'repeat' }
  return { kind: 'conflict' }
}

/** Forgets a key whose inquiry never reached the queue, so nothing is half-stored. */
export async function releaseKey(db: D1Database, inquiryId: string, body: BodyMac): Promise<void> {
  await db
    .prepare('DELETE FROM idempotency_keys WHERE inquiry_id = ?1 AND body_mac = ?2')
    .bind(inquiryId, body.mac)
    .run()
}
