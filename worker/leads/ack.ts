import type { AckRequest, AckResponse } from '../../shared/schemas/leads-api.ts'
import { ackDeletions, recordReads } from './read-log.ts'

/**
 * A lease counts only while it is live: not acked yet and its visibility
 * timeout not passed. An expired lease may already belong to another pull
 * (which has another lease id), so it can never ack that pull's lead.
 * Acks run before retries in one batch (a transaction): a lease named in
 * both is acked.
 */
const ACK_SQL = `
UPDATE leads SET acked_at = ?1
WHERE lease_id IN (SELECT value FROM json_each(?2))
  AND acked_at IS NULL AND visible_at > ?1
RETURNING id`

/** Gives a lease back: pullable again after its delay, the old lease id dead. */
const RETRY_SQL = `
UPDATE leads
SET lease_id = NULL, visible_at = ?1 + r.delay * 1000
FROM (
  SELECT json_extract(value, '$.leaseId') AS lease_id,
         max(json_extract(value, '$.delaySeconds')) AS delay
  FROM json_each(?2) GROUP BY 1
) AS r
WHERE leads.lease_id = r.lease_id AND leads.acked_at IS NULL AND leads.visible_at > ?1`

/**
 * Acks, retries and acknowledged deletions of one coordinator (`reader`,
 * its token's label), each recorded in the read log.
 */
export async function ackLeases(
  db: D1Database,
  reader: string,
  input: AckRequest,
  now = Date.now(),
): Promise<AckResponse> {
  const [acked, retried, deletions] = await db.batch<{ id: string }>([
    db.prepare(ACK_SQL).bind(now, JSON.stringify(input.acks)),
    db.prepare(RETRY_SQL).bind(now, JSON.stringify(input.retries)),
    ackDeletions(db, reader, input.deletions, now),
  ])
  const ackedIds = (acked?.results ?? []).map((row) => row.id)
  if (ackedIds.length > 0) await recordReads(db, reader, 'acked', ackedIds, now).run()
  return {
    acked: ackedIds.length,
    retried: retried?.meta.changes ?? 0,
    deletionsAcked: deletions?.meta.changes ?? 0,
  }
}
