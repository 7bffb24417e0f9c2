import { logEvent } from '../http/log.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** Rows per DELETE, so one run never holds the database for long. */
const CHUNK = 1000

export interface PurgeCounts {
  leads: number
  idempotencyKeys: number
  deadLetters: number
}

/** A positive whole number of days, or undefined when the var is not one. */
export function retentionDays(value: string | undefined): number | undefined {
  const days = Number(value ?? '90')
  return Number.isInteger(days) && days >= 1 ? days : undefined
}

export async function deleteInChunks(db: D1Database, sql: string, cutoff: number): Promise<number> {
  let total = 0
  for (;;) {
    const { meta } = await db.prepare(sql).bind(cutoff, CHUNK).run()
    total += meta.changes
    if (meta.changes < CHUNK) return total
  }
}

/**
 * Deletes what is past retention: acknowledged leads acked before the
 * cutoff, idempotency keys created before it, and dead letters that were
 * replayed (their message is back in the queue). Unacknowledged leads and
 * dead letters not replayed are never deleted: they are still someone's
 * request (`/healthz` shows the dead letters waiting).
 */
export async function purgeExpired(
  env: Pick<Env, 'LEADS' | 'LEAD_RETENTION_DAYS'>,
  now: number,
): Promise<PurgeCounts | undefined> {
  const days = retentionDays(env.LEAD_RETENTION_DAYS)
  if (days === undefined) {
    // Guessing could delete what an operator meant to keep; purge nothing.
    logEvent('error', 'retention.invalid_days', { value: String(env.LEAD_RETENTION_DAYS) })
    return undefined
  }
  const cutoff = now - days * DAY_MS
  const db = env.LEADS
  const leads = await deleteInChunks(
    db,
    `DELETE FROM leads WHERE id IN (
       SELECT id FROM leads WHERE acked_at IS NOT NULL AND acked_at < ?1 LIMIT ?2)`,
    cutoff,
  )
  const idempotencyKeys = await deleteInChunks(
    db,
    `DELETE FROM idempotency_keys WHERE inquiry_id IN (
       SELECT inquiry_id FROM idempotency_keys WHERE created_at < ?1 LIMIT ?2)`,
    cutoff,
  )
  const replayed = await deleteInChunks(
    db,
    `DELETE FROM dead_letters WHERE id IN (
       SELECT id FROM dead_letters WHERE replayed_at IS NOT NULL AND replayed_at < ?1 LIMIT ?2)`,
    now,
  )
  const counts = { leads, idempotencyKeys, deadLetters: replayed }
  logEvent('info', 'retention.purged', { days, ...counts })
  return counts
}
