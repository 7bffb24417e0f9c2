import type { Sealed } from '../crypto/lead-cipher.ts'

export interface NewLead {
  id: string
  partnerId: string
  receivedAt: number
  sealed: Sealed
}

/**
 * Stores a lead once: a redelivered or replayed message with the same id is a
 * no-op. Returns whether this call created the row.
 */
export async function insertLead(
  db: D1Database,
  lead: NewLead,
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO leads (id, partner_id, received_at, stored_at, key_version, iv, ciphertext)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(
      lead.id,
      lead.partnerId,
      lead.receivedAt,
      now,
      lead.sealed.keyVersion,
      lead.sealed.iv,
      lead.sealed.ciphertext,
    )
    .run()
  return result.meta.changes > 0
}

export interface NewDeadLetter {
  /** The queue message id. */
  id: string
  inquiryId: string | undefined
  /** A code such as "undecryptable" or "retries-exhausted"; never personal data. */
  reason: string
  attempts: number
  /** The message body as received: its personal part is still sealed. */
  body: string
}

/** Keeps a message intake could not store, so an operator can inspect and replay it. */
export async function insertDeadLetter(
  db: D1Database,
  letter: NewDeadLetter,
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO dead_letters (id, inquiry_id, reason, attempts, dead_at, body)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(letter.id, letter.inquiryId ?? null, letter.reason, letter.attempts, now, letter.body)
    .run()
}
