import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_MESSAGE_LENGTH } from '../../shared/limits.ts'
import type { Inquiry } from '../../shared/schemas/inquiry.ts'
import { app } from '../../worker/app.ts'
import { replayDeadLetters } from '../../worker/leads/dead-letters.ts'
import { insertDeadLetter } from '../../worker/leads/insert.ts'
import { sealInquiry } from '../../worker/queue/message.ts'
import { replayWaiting } from '../../worker/scheduled/replay-waiting.ts'
import { call, json } from './helpers/http.ts'
import { authed, clearLeadStore, pull, sampleInquiry, TOKEN } from './helpers/leads.ts'
import { queueWithLimits, recordingQueue } from './helpers/queue.ts'

beforeEach(clearLeadStore)

async function seedDeadLetter(
  id: string,
  inquiryId: string,
  body?: string,
  inquiry: Inquiry = sampleInquiry(),
) {
  const message = await sealInquiry(env.LEADS_KEY, inquiryId, Date.now(), inquiry)
  await insertDeadLetter(env.LEADS, {
    id,
    inquiryId,
    reason: 'retries-exhausted',
    attempts: 6,
    body: body ?? JSON.stringify(message),
  })
  return message
}

describe('GET /v1/dead-letters', () => {
  it('lists pending dead letters oldest first, without their bodies', async () => {
    await seedDeadLetter('msg-1', 'inq-1')
    await seedDeadLetter('msg-2', 'inq-2')
    await env.LEADS.prepare(
      "UPDATE dead_letters SET dead_at = 1, replayed_at = 5 WHERE id = 'msg-2'",
    ).run()
    const headers = { Authorization: `Bearer ${TOKEN}` }

    const pending = await json<{ deadLetters: Record<string, unknown>[]; more: boolean }>(
      await call('/v1/dead-letters', { headers }),
    )
    expect(pending.deadLetters).toEqual([
      expect.objectContaining({
        id: 'msg-1',
        inquiryId: 'inq-1',
        reason: 'retries-exhausted',
        attempts: 6,
        replayedAt: null,
      }),
    ])
    expect(pending.deadLetters[0]).not.toHaveProperty('body')
    expect(pending.more).toBe(false)

    const all = await json<{ deadLetters: { id: string }[] }>(
      await call('/v1/dead-letters?status=all', { headers }),
    )
    expect(all.deadLetters.map((d) => d.id)).toEqual(['msg-2', 'msg-1'])
    expect((await call('/v1/dead-letters?status=nope', { headers })).status).toBe(400)
  })
})

describe('replaying dead letters', () => {
  it('sends the stored message back to INQUIRIES and marks it replayed', async () => {
    const message = await seedDeadLetter('msg-1', 'inq-1')
    const { sent, queue } = recordingQueue()
    const result = await replayDeadLetters({ LEADS: env.LEADS, INQUIRIES: queue }, [
      'msg-1',
      'msg-1',
      'msg-x',
    ])
    expect(result).toEqual({
      replayed: ['msg-1'],
      notFound: ['msg-x'],
      unreplayable: [],
      failed: [],
      remaining: 0,
    })
    expect(sent).toEqual([message])
    const row = await env.LEADS.prepare(
      "SELECT replayed_at FROM dead_letters WHERE id = 'msg-1'",
    ).first<{ replayed_at: number }>()
    expect(row?.replayed_at).toBeGreaterThan(0)
    expect(
      (await replayDeadLetters({ LEADS: env.LEADS, INQUIRIES: queue }, ['msg-1'])).notFound,
    ).toEqual(['msg-1'])
    expect(sent).toHaveLength(1)
  })

  it('reports a body that is not an inquiry message as unreplayable and sends nothing', async () => {
    await seedDeadLetter('msg-bad', 'inq-bad', '{"not":"a message"}')
    const { sent, queue } = recordingQueue()
    const result = await replayDeadLetters({ LEADS: env.LEADS, INQUIRIES: queue }, ['msg-bad'])
    expect(result).toEqual({
      replayed: [],
      notFound: [],
      unreplayable: ['msg-bad'],
      failed: [],
      remaining: 1,
    })
    expect(sent).toEqual([])
  })

  it('answers 503 and marks nothing when the queue refuses the messages', async () => {
    await seedDeadLetter('msg-1', 'inq-1')
    const failing = {
      sendBatch: async () => {
        throw new Error('Queue send failed')
      },
    } as unknown as Queue
    const response = await app.request('/v1/dead-letters/replay', authed({ ids: ['msg-1'] }), {
      ...env,
      INQUIRIES: failing,
    })
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('30')
    const row = await env.LEADS.prepare('SELECT replayed_at FROM dead_letters').first()
    expect(row).toEqual({ replayed_at: null })
  })

  it('brings the lead to coordinators through the real queue and consumer, once', async () => {
    // The same inquiry dead-lettered twice (two queue messages), both replayed.
    await seedDeadLetter('msg-1', 'inq-replayed')
    await seedDeadLetter('msg-2', 'inq-replayed')
    const response = await call('/v1/dead-letters/replay', authed({ ids: ['msg-1', 'msg-2'] }))
    expect(response.status).toBe(200)
    expect(await json(response)).toEqual({
      replayed: ['msg-1', 'msg-2'],
      notFound: [],
      unreplayable: [],
      failed: [],
      remaining: 0,
    })

    const deadline = Date.now() + 10_000
    let pulled = await pull()
    while (pulled.body.leads.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200))
      pulled = await pull()
    }
    expect(pulled.body.leads.map((l) => l.id)).toEqual(['inq-replayed'])
    expect(pulled.body.leads[0]?.inquiry).toEqual(sampleInquiry())
    await new Promise((r) => setTimeout(r, 1500))
    const count = await env.LEADS.prepare('SELECT COUNT(*) AS n FROM leads').first('n')
    expect(count).toBe(1)
  })

  it('sends a large backlog in batches within Queues’ limits of 100 messages and 256 KB', async () => {
    // Long messages make about 3.5 KB per letter: 120 letters are over both limits at once.
    const long = sampleInquiry({ message: 'm'.repeat(MAX_MESSAGE_LENGTH) })
    const ids = Array.from({ length: 120 }, (_, i) => `msg-${String(i).padStart(3, '0')}`)
    for (const id of ids) await seedDeadLetter(id, `inq-${id}`, undefined, long)
    const { queue, batches } = queueWithLimits()
    const result = await replayWaiting({ LEADS: env.LEADS, INQUIRIES: queue }, Date.now())
    expect(result?.replayed).toHaveLength(100)
    expect(result?.remaining).toBe(20)
    expect(batches.length).toBeGreaterThan(1)
    expect(Math.max(...batches.map((b) => b.bytes))).toBeLessThanOrEqual(256_000)
    const next = await replayWaiting({ LEADS: env.LEADS, INQUIRIES: queue }, Date.now())
    expect(next?.replayed).toHaveLength(20)
    expect(next?.remaining).toBe(0)
  })

  it('skips past a head the queue keeps refusing, and says what is left', async () => {
    await seedDeadLetter('msg-poison', 'inq-poison')
    await seedDeadLetter('msg-b', 'inq-b')
    await seedDeadLetter('msg-c', 'inq-c')
    await env.LEADS.prepare("UPDATE dead_letters SET dead_at = 1 WHERE id = 'msg-poison'").run()
    const { queue } = queueWithLimits({ refuses: 'inq-poison' })
    const first = await replayWaiting({ LEADS: env.LEADS, INQUIRIES: queue }, Date.now())
    expect(first).toMatchObject({
      replayed: ['msg-b', 'msg-c'],
      failed: ['msg-poison'],
      remaining: 1,
    })
    // Letters that came later go ahead of the one refused before.
    await seedDeadLetter('msg-d', 'inq-d')
    const order = await env.LEADS.prepare(
      `SELECT id FROM dead_letters WHERE replayed_at IS NULL ORDER BY replay_failures, dead_at, id`,
    ).all<{ id: string }>()
    expect(order.results.map((r) => r.id)).toEqual(['msg-d', 'msg-poison'])
    const second = await replayWaiting({ LEADS: env.LEADS, INQUIRIES: queue }, Date.now())
    expect(second).toMatchObject({ replayed: ['msg-d'], failed: ['msg-poison'], remaining: 1 })
  })

  it('refuses an empty id list with 422', async () => {
    const response = await call('/v1/dead-letters/replay', authed({ ids: [] }))
    expect(response.status).toBe(422)
    expect(await json(response)).toMatchObject({
      error: 'invalid_replay',
      issues: [{ path: 'ids' }],
    })
  })
})
