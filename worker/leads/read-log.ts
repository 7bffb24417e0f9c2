/**
 * The read log (table lead_reads): which coordinator token, by its label,
 * first pulled, acknowledged, or deleted after a withdrawal, which lead id,
 * and when. Ids, labels and times only, never content. It is what a family's
 * receipt page shows as recipients, and what tells a coordinator which of
 * the leads it holds were withdrawn.
 */
const READ_EVENTS = ['pulled', 'acked', 'deletion-acked'] as const
export type ReadEvent = (typeof READ_EVENTS)[number]

const RECORD_SQL = `INSERT INTO lead_reads (lead_id, reader, event, at)
  SELECT value, ?1, ?2, ?3 FROM json_each(?4) WHERE true
  ON CONFLICT DO NOTHING`

/** Records the first time `reader` had `event` for each lead; later ones keep the first time. */
export function recordReads(
  db: D1Database,
  reader: string,
  event: ReadEvent,
  leadIds: string[],
  at: number,
): D1PreparedStatement {
  return db.prepare(RECORD_SQL).bind(reader, event, at, JSON.stringify(leadIds))
}

/** Records the leads whose leases were acked at `at` by this request, run right after the ack. */
export function recordAcks(
  db: D1Database,
  reader: string,
  leaseIds: string[],
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO lead_reads (lead_id, reader, event, at)
       SELECT id, ?1, 'acked', ?2 FROM leads
       WHERE lease_id IN (SELECT value FROM json_each(?3)) AND acked_at = ?2
       ON CONFLICT DO NOTHING`,
    )
    .bind(reader, at, JSON.stringify(leaseIds))
}

/**
 * Leads `reader` pulled that the family has withdrawn since, and whose
 * deletion that reader has not acknowledged: the pull's `deletions`.
 */
export function pendingDeletions(db: D1Database, reader: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT r.lead_id AS id FROM lead_reads r JOIN withdrawn w ON w.inquiry_id = r.lead_id
       WHERE r.reader = ?1 AND r.event = 'pulled'
         AND NOT EXISTS (SELECT 1 FROM lead_reads d
                         WHERE d.lead_id = r.lead_id AND d.reader = ?1 AND d.event = 'deletion-acked')
       ORDER BY w.withdrawn_at, r.lead_id LIMIT 1000`,
    )
    .bind(reader)
}

/** Acknowledges deletions `reader` was told of; an id it never pulled, or not withdrawn, counts nothing. */
export function ackDeletions(
  db: D1Database,
  reader: string,
  leadIds: string[],
  at: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO lead_reads (lead_id, reader, event, at)
       SELECT j.value, ?1, 'deletion-acked', ?2 FROM json_each(?3) j
       WHERE EXISTS (SELECT 1 FROM withdrawn w WHERE w.inquiry_id = j.value)
         AND EXISTS (SELECT 1 FROM lead_reads r
                     WHERE r.lead_id = j.value AND r.reader = ?1 AND r.event = 'pulled')
       ON CONFLICT DO NOTHING`,
    )
    .bind(reader, at, JSON.stringify(leadIds))
}

/** Of the named ids, how many deletions `reader` has acknowledged, by this request or an earlier one. */
export function deletionsAckedBy(
  db: D1Database,
  reader: string,
  leadIds: string[],
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT count(*) AS n FROM lead_reads
       WHERE reader = ?1 AND event = 'deletion-acked'
         AND lead_id IN (SELECT DISTINCT value FROM json_each(?2))`,
    )
    .bind(reader, JSON.stringify(leadIds))
}

export interface ReadEntry {
  reader: string
  event: ReadEvent
  at: number
}

/** Everything the read log holds about one lead, oldest first. */
export async function readsOf(db: D1Database, leadId: string): Promise<ReadEntry[]> {
  const { results } = await db
    .prepare('SELECT reader, event, at FROM lead_reads WHERE lead_id = ?1 ORDER BY at, reader')
    .bind(leadId)
    .run<ReadEntry>()
  return results
}
