import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { app } from '../../worker/app.ts'
import worker from '../../worker/index.ts'
import { DEAD_LETTER_QUEUE_MAX_RETRIES } from '../../worker/queue/dead-letter-consumer.ts'
import { handleQueue } from '../../worker/queue/dispatch.ts'
import { DEMO_API_KEY, seedCatalog } from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'
import { nextClientIp, validInquiry } from './helpers/inquiry.ts'
import { asCoordinator, clearLeadStore, pull } from './helpers/leads.ts'
import { configuredQueues, recordingQueue } from './helpers/queue.ts'

const HOUR_S = 3600

const { MAIN, DLQ } = configuredQueues()
function consumer(queue: string) {
  const settings = env.TEST_QUEUE_CONSUMERS.find((c) => c.queue === queue)
  if (!settings) throw new Error(`wrangler.toml has no consumer for ${queue}`)
  return settings
}

/** The fault: the lead table is taken away (renamed), the rest of D1 answers. */
const takeLeadTableAway = () => env.LEADS.prepare('ALTER TABLE leads RENAME TO leads_away').run()
const bringLeadTableBack = () => env.LEADS.prepare('ALTER TABLE leads_away RENAME TO leads').run()

async function leadTableIsAway(): Promise<boolean> {
  const row = await env.LEADS.prepare(
    "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'leads_away'",
  ).first<number>('n')
  return row === 1
}

/** Accepts inquiries through the real intake, keeping the queue messages it sends. */
async function acceptInquiries(count: number): Promise<{ ids: string[]; messages: unknown[] }> {
  const { sent: messages, queue } = recordingQueue()
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const response = await app.request(
      '/v1/inquiries',
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          // The partner's server: no Turnstile token to make for each of them.
          Authorization: `Bearer ${DEMO_API_KEY}`,
          'CF-Connecting-IP': nextClientIp(),
        },
        body: JSON.stringify(validInquiry()),
      },
      { ...env, INQUIRIES: queue },
    )
    expect(response.status).toBe(202)
    ids.push((await json<{ id: string }>(response)).id)
  }
  return { ids, messages }
}

/**
 * One delivery of every message, as Queues makes it, on the given attempt;
 * `delays` are the retry delays the consumer asked for (the test runtime's
 * queue result does not keep them).
 */
async function deliver(queue: string, bodies: unknown[], attempts: number) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `${queue}-${i}`, timestamp: new Date(), attempts, body })),
  )
  const delays: number[] = []
  const watched = {
    queue: batch.queue,
    metadata: batch.metadata,
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options?: QueueRetryOptions) => {
        delays.push(options?.delaySeconds ?? consumer(queue).retry_delay ?? 0)
        m.retry(options)
      },
    })),
    ackAll: () => batch.ackAll(),
    retryAll: (options?: QueueRetryOptions) => batch.retryAll(options),
  } satisfies MessageBatch<unknown>
  const ctx = createExecutionContext()
  await handleQueue(watched, env)
  return { ...(await getQueueResult(batch, ctx)), delays }
}

async function leadCount(ids: string[]): Promise<number> {
  const n = await env.LEADS.prepare(
    'SELECT count(*) AS n FROM leads WHERE id IN (SELECT value FROM json_each(?1))',
  )
    .bind(JSON.stringify(ids))
    .first<number>('n')
  return n ?? 0
}

async function health() {
  const publicView = await json<{ status: string }>(await call('/healthz'))
  const response = await call('/v1/health', asCoordinator)
  return {
    status: response.status,
    publicStatus: publicView.status,
    body: await json<{ status: string; deadLetters: { count: number; oldestAgeSeconds: number } }>(
      response,
    ),
  }
}

beforeEach(async () => {
  await clearLeadStore()
  await seedCatalog()
})
afterEach(async () => {
  if (await leadTableIsAway()) await bringLeadTableBack()
})

describe('a D1 outage longer than the INQUIRIES retries', () => {
  it('retries for over an hour, then the dead-letter consumer stores each lead once D1 is back', async () => {
    const { ids, messages } = await acceptInquiries(3)
    await takeLeadTableAway()

    // Every delivery Queues makes on the INQUIRIES queue fails and is retried with backoff.
    let waited = 0
    const retries = MAIN.max_retries ?? 3
    for (let attempts = 1; attempts <= retries + 1; attempts++) {
      const result = await deliver(MAIN.queue, messages, attempts)
      expect(result.explicitAcks).toEqual([])
      expect(result.retryMessages).toHaveLength(3)
      if (attempts <= retries) waited += Math.min(...result.delays)
    }
    expect(waited).toBeGreaterThanOrEqual(HOUR_S)

    // Queues moves them to the dead-letter queue; D1 is still without its lead table.
    for (let attempts = 1; attempts <= 3; attempts++) {
      const result = await deliver(DLQ.queue, messages, attempts)
      expect(result.explicitAcks).toEqual([])
      expect(result.retryMessages).toHaveLength(3)
    }
    expect(await env.LEADS.prepare('SELECT count(*) AS n FROM dead_letters').first('n')).toBe(0)

    await bringLeadTableBack()
    const back = await deliver(DLQ.queue, messages, 4)
    expect(back.explicitAcks).toHaveLength(3)
    // A late redelivery of the same messages makes no second lead.
    await deliver(MAIN.queue, messages, 1)
    expect(await leadCount(ids)).toBe(3)
    const { body } = await pull({ batchSize: 10 })
    expect(body.leads.map((l) => l.id).sort()).toEqual([...ids].sort())
  })

  it('keeps the consumer settings the code relies on', () => {
    expect(DLQ.max_retries).toBe(DEAD_LETTER_QUEUE_MAX_RETRIES)
    // The dead-letter queue alone keeps trying for hours more.
    expect((DLQ.max_retries ?? 0) * (DLQ.retry_delay ?? 0)).toBeGreaterThanOrEqual(8 * HOUR_S)
  })

  it('longer than every queue retry: a dead letter that /healthz reports, and the cron replays it', async () => {
    const { ids, messages } = await acceptInquiries(2)
    await takeLeadTableAway()
    const last = await deliver(DLQ.queue, messages, DEAD_LETTER_QUEUE_MAX_RETRIES + 1)
    expect(last.explicitAcks).toHaveLength(2)
    const degraded = await health()
    expect(degraded.publicStatus).toBe('degraded')
    expect(degraded.body.status).toBe('degraded')
    expect(degraded.body.deadLetters.count).toBe(2)
    expect(degraded.body.deadLetters.oldestAgeSeconds).toBeGreaterThanOrEqual(0)

    await bringLeadTableBack()
    // The daily cron: it replays, and its retention purge keeps what waits.
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '17 3 * * *' }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    // The replayed messages go through the real local queue and consumer.
    const deadline = Date.now() + 10_000
    while ((await leadCount(ids)) < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200))
    expect(await leadCount(ids)).toBe(2)
    const pending = await env.LEADS.prepare(
      'SELECT count(*) AS n FROM dead_letters WHERE replayed_at IS NULL',
    ).first('n')
    expect(pending).toBe(0)
  })
})
