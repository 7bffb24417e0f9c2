/** Dead letters not replayed: how many, and since when the oldest waits. */
export interface DeadLetterBacklog {
  count: number
  oldestAgeSeconds: number | null
}

export async function deadLetterBacklog(db: D1Database, now: number): Promise<DeadLetterBacklog> {
  const row = await db
    .prepare(
      'SELECT count(*) AS n, min(dead_at) AS oldest FROM dead_letters WHERE replayed_at IS NULL',
    )
    .first<{ n: number; oldest: number | null }>()
  const oldest = row?.oldest ?? null
  return {
    count: row?.n ?? 0,
    oldestAgeSeconds: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
  }
}
