import type { DeadLetterReason } from '../../shared/errors.ts'
import { logEvent } from '../http/log.ts'
import { replayDeadLetters } from '../leads/dead-letters.ts'

/** Dead letter reasons that may pass by themselves (D1 or the keyring were down). */
const TRANSIENT_REASONS: readonly DeadLetterReason[] = ['retries-exhausted']
/** Per run; the queue takes them in batches and the next run takes more. */
const REPLAY_MAX = 100

/**
 * Replays dead letters kept because storage kept failing, so an outage
 * longer than every queue retry still needs no person. A replay that fails
 * again becomes a new dead letter, replayed by a later run; a lead is stored
 * by inquiry id, so a replay never makes a second lead.
 */
export async function replayWaiting(
  env: Pick<Env, 'LEADS' | 'INQUIRIES'>,
  now: number,
): Promise<number> {
  const { results } = await env.LEADS.prepare(
    `SELECT id FROM dead_letters
     WHERE replayed_at IS NULL AND reason IN (SELECT value FROM json_each(?1))
     ORDER BY dead_at, id LIMIT ?2`,
  )
    .bind(JSON.stringify(TRANSIENT_REASONS), REPLAY_MAX)
    .run<{ id: string }>()
  if (results.length === 0) return 0
  const { replayed } = await replayDeadLetters(
    env,
    results.map((row) => row.id),
    now,
  )
  logEvent('info', 'dead_letters.auto_replayed', { count: replayed.length })
  return replayed.length
}
