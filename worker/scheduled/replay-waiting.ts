import type { DeadLetterReason } from '../../shared/errors.ts'
import type { ReplayResponse } from '../../shared/schemas/leads-api.ts'
import { logEvent } from '../http/log.ts'
import { replayDeadLetters } from '../leads/dead-letters.ts'

/** Dead letter reasons that may pass by themselves (D1 or the keyring were down). */
const TRANSIENT_REASONS: readonly DeadLetterReason[] = ['retries-exhausted']
/** Per run; the queue takes them in batches within its limits and the next run takes more. */
const REPLAY_MAX = 100

/**
 * Replays dead letters kept because storage kept failing, so an outage
 * longer than every queue retry still needs no person. The least-refused
 * go first, oldest first among equals: a letter the queue keeps refusing
 * moves behind the others instead of blocking them. A lead is stored by
 * inquiry id, so a replay never makes a second lead.
 */
export async function replayWaiting(
  env: Pick<Env, 'LEADS' | 'INQUIRIES'>,
  now: number,
): Promise<ReplayResponse | undefined> {
  const { results } = await env.LEADS.prepare(
    `SELECT id FROM dead_letters
     WHERE replayed_at IS NULL AND reason IN (SELECT value FROM json_each(?1))
     ORDER BY replay_failures, dead_at, id LIMIT ?2`,
  )
    .bind(JSON.stringify(TRANSIENT_REASONS), REPLAY_MAX)
    .run<{ id: string }>()
  if (results.length === 0) return undefined
  const result = await replayDeadLetters(
    env,
    results.map((row) => row.id),
    now,
  )
  logEvent('info', 'dead_letters.auto_replayed', {
    count: result.replayed.length,
    refused: result.failed.length,
    remaining: result.remaining,
  })
  return result
}
