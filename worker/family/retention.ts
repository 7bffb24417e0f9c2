import { logEvent } from '../http/log.ts'
import { deleteInChunks, retentionDays } from '../scheduled/retention.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A lead with a deletion still waiting: withdrawn, and some coordinator that
 * pulled it has not acknowledged deleting its copy. Its read log and rights
 * entries are kept, whatever their age, until every copy is reached.
 */
const WAITING = (lead: string) => `EXISTS (
  SELECT 1 FROM withdrawn w JOIN lead_reads p ON p.lead_id = w.inquiry_id AND p.event = 'pulled'
  WHERE w.inquiry_id = ${lead}
    AND NOT EXISTS (SELECT 1 FROM lead_reads d
                    WHERE d.lead_id = p.lead_id AND d.reader = p.reader AND d.event = 'deletion-acked'))`

export interface FamilyPurgeCounts {
  readLog: number
  rightsRequests: number
}

/**
 * The read log follows the leads' retention: a lead's entries go once its
 * row is gone (purged after its ack, or withdrawn), its last entry is older
 * than LEAD_RETENTION_DAYS, and no deletion of it waits for a coordinator.
 * Rights requests go after the same time once answered in full. Tombstones
 * (withdrawn) are kept: a request's id derives from its Idempotency-Key, so
 * only the tombstone stops a late repeat of that key from storing it again.
 */
export async function purgeFamilyLogs(
  env: Pick<Env, 'LEADS' | 'LEAD_RETENTION_DAYS'>,
  now: number,
): Promise<FamilyPurgeCounts | undefined> {
  const days = retentionDays(env.LEAD_RETENTION_DAYS)
  // purgeExpired has logged the invalid value; nothing is guessed here either.
  if (days === undefined) return undefined
  const cutoff = now - days * DAY_MS
  const readLog = await deleteInChunks(
    env.LEADS,
    `DELETE FROM lead_reads WHERE lead_id IN (
       SELECT r.lead_id FROM lead_reads r
       WHERE r.lead_id NOT IN (SELECT id FROM leads) AND NOT ${WAITING('r.lead_id')}
       GROUP BY r.lead_id HAVING max(r.at) < ?1 LIMIT ?2)`,
    cutoff,
  )
  const rightsRequests = await deleteInChunks(
    env.LEADS,
    `DELETE FROM rights_requests WHERE id IN (
       SELECT q.id FROM rights_requests q
       WHERE q.at < ?1 AND NOT ${WAITING('q.inquiry_id')} LIMIT ?2)`,
    cutoff,
  )
  const counts = { readLog, rightsRequests }
  logEvent('info', 'retention.family_purged', { days, ...counts })
  return counts
}
