import * as v from 'valibot'
import type { DeadLetterReason } from '../../shared/errors.ts'
import {
  DEAD_LETTERS_LIST_MAX,
  type DeadLettersResponse,
  type ReplayResponse,
} from '../../shared/schemas/leads-api.ts'
import { logEvent } from '../http/log.ts'
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

/**
 * Sends each stored message back to the INQUIRIES queue, then marks it
 * replayed. The consumer stores leads by inquiry id, so a replay (even a
 * repeated one after a failed mark) never makes a second lead. A send that
 * fails throws before anything is marked.
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
  const messages: { id: string; body: InquiryMessage }[] = []
  const unreplayable: string[] = []
  for (const row of results) {
    let parsed: unknown
    try {
      parsed = JSON.parse(row.body)
    } catch {
      parsed = undefined
    }
    const message = v.safeParse(InquiryMessage, parsed)
    if (message.success) messages.push({ id: row.id, body: message.output })
    else unreplayable.push(row.id)
  }
  if (messages.length > 0) {
    await env.INQUIRIES.sendBatch(
      messages.map((m) => ({ body: m.body, contentType: 'json' as const })),
    )
    await env.LEADS.prepare(
      `UPDATE dead_letters SET replayed_at = ?1 WHERE id IN (SELECT value FROM json_each(?2))`,
    )
      .bind(now, JSON.stringify(messages.map((m) => m.id)))
      .run()
  }
  logEvent('info', 'dead_letters.replayed', {
    replayed: messages.length,
    unreplayable: unreplayable.length,
    ids: messages.map((m) => m.id),
  })
  return {
    replayed: messages.map((m) => m.id),
    notFound: unique.filter((id) => !found.has(id)),
    unreplayable,
  }
}
