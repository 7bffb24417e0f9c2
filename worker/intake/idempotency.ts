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

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Sets the UUID version (8, custom) and variant bits, so derived ids look like random ones. */
function uuidFromBytes(digest: Uint8Array): string {
  const bytes = digest.slice(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const h = hex(bytes)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * The inquiry id a key stands for. Derived, not stored, so a repeat gets the
 * same id even if its first attempt never reached any store; the consumer's
 * insert-once by id then makes every repeat the same lead.
 */
export async function inquiryIdForKey(partnerId: string, key: string): Promise<string> {
  return uuidFromBytes(await sha256(`clinic-compare/inquiry\n${partnerId}\n${key}`))
}

export async function bodyHash(canonicalBody: string): Promise<string> {
  return hex(await sha256(canonicalBody))
}

export type KeyClaim = { kind: 'new' } | { kind: 'repeat' } | { kind: 'conflict' }

/** Records which body a key was first used with; one statement on the usual path. */
export async function claimKey(
  db: D1Database,
  inquiryId: string,
  hash: string,
  now: number,
): Promise<KeyClaim> {
  const inserted = await db
    .prepare(
      'INSERT INTO idempotency_keys (inquiry_id, body_hash, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (inquiry_id) DO NOTHING',
    )
    .bind(inquiryId, hash, now)
    .run()
  if (inserted.meta.changes > 0) return { kind: 'new' }
  const stored = await db
    .prepare('SELECT body_hash FROM idempotency_keys WHERE inquiry_id = ?1')
    .bind(inquiryId)
    .first<string>('body_hash')
  // A row deleted in between (a failed first attempt cleaning up) is as good as new.
  if (stored === null || stored === hash) return { kind: stored === null ? 'new' : 'repeat' }
  return { kind: 'conflict' }
}

/** Forgets a key whose inquiry never reached the queue, so nothing is half-stored. */
export async function releaseKey(db: D1Database, inquiryId: string, hash: string): Promise<void> {
  await db
    .prepare('DELETE FROM idempotency_keys WHERE inquiry_id = ?1 AND body_hash = ?2')
    .bind(inquiryId, hash)
    .run()
}
