import type { DeadLetterReason } from '../../shared/errors.ts'
import type { Attribution } from '../../shared/schemas/attribution.ts'
import type { Sealed } from '../crypto/lead-cipher.ts'

export interface NewLead {
  id: string
  partnerId: string
  receivedAt: number
  sealed: Sealed
  /** Kept in clear for reports: it describes the partner's page, not the family. */
  attribution?: Attribution | undefined
  /** The keyed HMAC of the normalised email (worker/family/email-mac.ts). */
  emailMac?: string | undefined
}

/** A withdrawn id (its tombstone) is never stored: checked in the same statement, so no withdrawal slips in between. */
const INSERT_LEAD = `INSERT INTO leads (id, partner_id, received_at, stored_at, key_version, key_check, iv, ciphertext,
    attr_source, attr_medium, attr_campaign, attr_page, email_mac)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13
  WHERE NOT EXISTS (SELECT 1 FROM withdrawn WHERE inquiry_id = ?1)
  ON CONFLICT (id) DO NOTHING`

/**
 * Stores leads once each, in one D1 round trip (a batch is one transaction):
 * a redelivered or replayed message with the same id is a no-op, and so is
 * one the family withdrew. Returns, per lead, whether this call created its row.
 */
export async function insertLeads(
  db: D1Database,
  leads: NewLead[],
  now = Date.now(),
): Promise<boolean[]> {
  if (leads.length === 0) return []
  const statement = db.prepare(INSERT_LEAD)
  const results = await db.batch(
    leads.map((lead) =>
      statement.bind(
        lead.id,
        lead.partnerId,
        lead.receivedAt,
        now,
        lead.sealed.keyVersion,
        lead.sealed.keyCheck ?? null,
        lead.sealed.iv,
        lead.sealed.ciphertext,
        lead.attribution?.source ?? null,
        lead.attribution?.medium ?? null,
        lead.attribution?.campaign ?? null,
        lead.attribution?.page ?? null,
        lead.emailMac ?? null,
      ),
    ),
  )
  return results.map((result) => result.meta.changes > 0)
}

export async function insertLead(
  db: D1Database,
  lead: NewLead,
  now = Date.now(),
): Promise<boolean> {
  const [created] = await insertLeads(db, [lead], now)
  return created ?? false
}

export interface NewDeadLetter {
  /** The queue message id. */
  id: string
  inquiryId: string | undefined
  reason: DeadLetterReason
  attempts: number
  /** The message body as received: its personal part is still sealed. */
  body: string
}

/** Keeps a message intake could not store, so an operator can inspect and replay it; never one the family withdrew. */
export async function insertDeadLetter(
  db: D1Database,
  letter: NewDeadLetter,
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO dead_letters (id, inquiry_id, reason, attempts, dead_at, body)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE ?2 IS NULL OR NOT EXISTS (SELECT 1 FROM withdrawn WHERE inquiry_id = ?2)
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(letter.id, letter.inquiryId ?? null, letter.reason, letter.attempts, now, letter.body)
    .run()
}
