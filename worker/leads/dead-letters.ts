import * as v from 'valibot'
import type { DeadLetterReason } from '../../shared/errors.ts'
import {
  DEAD_LETTERS_LIST_MAX,
  type DeadLettersResponse,
  type ReplayResponse,
} from '../../shared/schemas/leads-api.ts'
import { logEvent } from '../http/log.ts'
import { messageBytes, packBatches } from '../queue/limits.ts'
import { InquiryMessage } from '../queue/message.ts'

interface Row {
  id: string
  inquiry_id: string | null
  /** Only insertDeadLetter writes this column. */
  reason: DeadLetterReason
  attempts: number
  dead_at: number
  replayed_at: number | null
  body: string
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Dead letters oldest first, without their bodies. */
export async function listDeadLetters(
  db: D1Database,
  status: 'pending' | 'all',
): Promise<DeadLettersResponse> {
  const { results } = await db
    .prepare(
      `SELECT id, inquiry_id, reason, attempts, dead_at, replayed_at FROM dead_letters
       WHERE ?1 = 'all' OR replayed_at IS NULL
       ORDER BY dead_at, id LIMIT ?2`,
    )
    .bind(status, DEAD_LETTERS_LIST_MAX + 1)
    .run<Omit<Row, 'body'>>()
  return {
    deadLetters: results.slice(0, DEAD_LETTERS_LIST_MAX).map((row) => ({
      id: row.id,
      inquiryId: row.inquiry_id,
      reason: row.reason,
      attempts: row.attempts,
      deadAt: iso(row.dead_at),
      replayedAt: row.replayed_at === null ? null : iso(row.replayed_at),
    })),
    more: results.length > DEAD_LETTERS_LIST_MAX,
  }
}

interface Letter {
  id: string
  body: InquiryMessage
}

/** Sends letters in batches within Queues' limits; a refused batch is tried one letter at a time. */
async function sendWithinLimits(
  queue: Queue,
  letters: Letter[],
): Promise<{ sent: string[]; refused: string[] }> {
  const sent: string[] = []
  const refused: string[] = []
  const send = (batch: Letter[]) =>
    queue.sendBatch(batch.map((l) => ({ body: l.body, contentType: 'json' as const })))
  for (const batch of packBatches(letters, (l) => messageBytes(l.body))) {
    try {
      await send(batch)
      sent.push(...batch.map((l) => l.id))
    } catch {
      for (const letter of batch) {
        try {
          await send([letter])
          sent.push(letter.id)
        } catch {
          refused.push(letter.id)
        }
      }
    }
  }
  return { sent, refused }
}

/**
 * Sends each stored message back to the INQUIRIES queue, in batches within
 * Queues' limits, and marks what was sent as replayed. The consumer stores
 * leads by inquiry id, so a replay (even a repeated one after a failed mark)
 * never makes a second lead. A letter the queue refuses is counted and stays
 * pending; the cron takes the least-refused first, so one letter that always
 * fails never holds back the rest.
 */
export async function replayDeadLetters(
  env: Pick<Env, 'LEADS' | 'INQUIRIES'>,
  ids: string[],
  now = Date.now(),
): Promise<ReplayResponse> {
  const unique = [...new Set(ids)]
  const { results } = await env.LEADS.prepare(
    `SELECT id, body FROM dead_letters
     WHERE id IN (SELECT value FROM json_each(?1)) AND replayed_at IS NULL`,
  )
    .bind(JSON.stringify(unique))
    .run<Pick<Row, 'id' | 'body'>>()
  const found = new Set(results.map((row) => row.id))
  const order = new Map(unique.map((id, i) => [id, i]))
  const letters: Letter[] = []
  const unreplayable: string[] = []
  for (const row of results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))) {
    let parsed: unknown
    try {
      parsed = JSON.parse(row.body)
    } catch {
      parsed = undefined
    }
    const message = v.safeParse(InquiryMessage, parsed)
    if (message.success) letters.push({ id: row.id, body: message.output })
    else unreplayable.push(row.id)
  }
  const { sent, refused } = await sendWithinLimits(env.INQUIRIES, letters)
  await env.LEADS.batch([
    env.LEADS.prepare(
      `UPDATE dead_letters SET replayed_at = ?1 WHERE id IN (SELECT value FROM json_each(?2))`,
    ).bind(now, JSON.stringify(sent)),
    env.LEADS.prepare(
      `UPDATE dead_letters SET replay_failures = replay_failures + 1
       WHERE id IN (SELECT value FROM json_each(?1))`,
    ).bind(JSON.stringify(refused)),
  ])
  const remaining =
    (await env.LEADS.prepare(
      'SELECT count(*) AS n FROM dead_letters WHERE replayed_at IS NULL',
    ).first<number>('n')) ?? 0
  logEvent(refused.length > 0 ? 'warn' : 'info', 'dead_letters.replayed', {
    replayed: sent.length,
    refused: refused.length,
    unreplayable: unreplayable.length,
    remaining,
  })
  return {
    replayed: sent,
    notFound: unique.filter((id) => !found.has(id)),
    unreplayable,
    failed: refused,
    remaining,
  }
}
