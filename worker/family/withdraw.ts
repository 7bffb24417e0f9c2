/**
 * A withdrawal, by the family's receipt or by a coordinator for a family who
 * asked by email. One D1 batch (a transaction): the tombstone, the lead row
 * with its ciphertext, any dead letter holding the sealed message, and the
 * rights log entry. From then on the lead cannot be pulled (its row is
 * gone), and a copy still in the queue, a dead letter replayed from
 * elsewhere or a repeat with the same Idempotency-Key never becomes a lead
 * (worker/leads/insert.ts checks the tombstone in the insert itself).
 */
export type Via = 'receipt' | `coordinator:${string}`

export interface Withdrawn {
  withdrawnAt: number
  /** Coordinator labels that pulled the lead: their next pull lists it in `deletions`. */
  recipients: string[]
}

export async function withdraw(
  db: D1Database,
  inquiryId: string,
  via: Via,
  now = Date.now(),
): Promise<Withdrawn> {
  const results = await db.batch<{ withdrawn_at?: number; reader?: string }>([
    db
      .prepare(
        'INSERT INTO withdrawn (inquiry_id, withdrawn_at, via) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING',
      )
      .bind(inquiryId, now, via),
    db.prepare('DELETE FROM leads WHERE id = ?1').bind(inquiryId),
    db.prepare('DELETE FROM dead_letters WHERE inquiry_id = ?1').bind(inquiryId),
    logRightsRequest(db, inquiryId, 'deletion', via, now),
    db.prepare('SELECT withdrawn_at FROM withdrawn WHERE inquiry_id = ?1').bind(inquiryId),
    db
      .prepare(
        "SELECT reader FROM lead_reads WHERE lead_id = ?1 AND event = 'pulled' ORDER BY at, reader",
      )
      .bind(inquiryId),
  ])
  return {
    withdrawnAt: results[4]?.results[0]?.withdrawn_at ?? now,
    recipients: (results[5]?.results ?? []).flatMap((row) => (row.reader ? [row.reader] : [])),
  }
}

/** When the request was withdrawn, or undefined. */
export async function withdrawnAt(db: D1Database, inquiryId: string): Promise<number | undefined> {
  const row = await db
    .prepare('SELECT withdrawn_at FROM withdrawn WHERE inquiry_id = ?1')
    .bind(inquiryId)
    .first<{ withdrawn_at: number }>()
  return row?.withdrawn_at
}

/** Each access and deletion, with its time (rights_requests), so deadlines can be shown. */
export function logRightsRequest(
  db: D1Database,
  inquiryId: string,
  kind: 'access' | 'deletion',
  via: Via,
  now: number,
): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO rights_requests (id, inquiry_id, kind, via, at) VALUES (?1, ?2, ?3, ?4, ?5)',
    )
    .bind(crypto.randomUUID(), inquiryId, kind, via, now)
}
