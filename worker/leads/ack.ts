import type { AckRequest, AckResponse } from '../../shared/schemas/leads-api.ts'
import { ackDeletions, deletionsAckedBy, recordAcks } from './read-log.ts'

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
  AND acked_at IS NULL AND visible_at > ?1`

/**
 * What the answer counts: the named leases whose leads are acknowledged
 * under them, by this request or an earlier one. A lease id belongs to one
 * pull and stays on its lead once acked, so a coordinator's client that
 * sends an ack again (its first answer lost) hears what the first one did.
 */
const ACKED_COUNT_SQL = `
SELECT count(*) AS n FROM leads
WHERE lease_id IN (SELECT DISTINCT value FROM json_each(?1)) AND acked_at IS NOT NULL`

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
 * its token's label), each recorded in the read log. Safe to repeat: acks
 * and deletions answer what is acknowledged, whichever try did it; a retry
 * counts only the leases it gives back now (a repeat finds them dead).
 */
export async function ackLeases(
  db: D1Database,
  reader: string,
  input: AckRequest,
  now = Date.now(),
): Promise<AckResponse> {
  const acks = JSON.stringify(input.acks)
  const results = await db.batch<{ n: number }>([
    db.prepare(ACK_SQL).bind(now, acks),
    db.prepare(RETRY_SQL).bind(now, JSON.stringify(input.retries)),
    // In the same transaction: the leads this request just acked (their ack time is now).
    recordAcks(db, reader, input.acks, now),
    ackDeletions(db, reader, input.deletions, now),
    db.prepare(ACKED_COUNT_SQL).bind(acks),
    deletionsAckedBy(db, reader, input.deletions),
  ])
  const [, retried, , , acked, deletionsAcked] = results
  return {
    acked: acked?.results[0]?.n ?? 0,
    retried: retried?.meta.changes ?? 0,
    deletionsAcked: deletionsAcked?.results[0]?.n ?? 0,
  }
}
