import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { Inquiry } from '../../shared/schemas/inquiry.ts'
import { openLead } from '../../worker/leads/payload.ts'
import { retryDelaySeconds } from '../../worker/queue/consumer.ts'
import { DEAD_LETTER_QUEUE_MAX_RETRIES } from '../../worker/queue/dead-letter-consumer.ts'
import { sealInquiry } from '../../worker/queue/message.ts'
import { validInquiry } from './helpers/inquiry.ts'
import { configuredQueues, deliver } from './helpers/queue.ts'

const { MAIN, DLQ: DEAD } = configuredQueues()
const QUEUE = MAIN.queue
const DLQ = DEAD.queue

async function messageFor(id: string) {
  return sealInquiry(env.LEADS_KEY, id, Date.now(), v.parse(Inquiry, validInquiry()))
}

async function leadRow(id: string) {
  return env.LEADS.prepare('SELECT * FROM leads WHERE id = ?1').bind(id).first<{
    id: string
    partner_id: string
    received_at: number
    key_version: string
    iv: string
    ciphertext: string
  }>()
}

/** A D1 binding whose writes fail, as during an outage. */
function failingD1(): D1Database {
  return {
    prepare: () => {
      throw new Error('D1_ERROR: database unavailable')
    },
  } as unknown as D1Database
}

describe('the INQUIRIES consumer', () => {
  it('stores a lead encrypted, with the pre-screen flags, and acks', async () => {
    const id = crypto.randomUUID()
    const { batch, result } = await deliver(QUEUE, [await messageFor(id)])
    expect(result.explicitAcks).toEqual(batch.messages.map((m) => m.id))
    const row = await leadRow(id)
    expect(row?.key_version).toBe('v1')
    expect(row?.ciphertext).not.toContain('Paula')
    expect(row?.ciphertext).not.toContain('example.com')
    if (!row) throw new Error('no row')
    const binding = { id, partnerId: row.partner_id, receivedAt: row.received_at }
    const payload = await openLead(env.LEADS_KEY, binding, {
      keyVersion: row.key_version,
      iv: row.iv,
      ciphertext: row.ciphertext,
    })
    expect(payload.inquiry.parentName).toBe('Paula Prueba')
    expect(payload.flags).toEqual([
      { question: 'uncontrolledSeizures', answer: 'yes' },
      { question: 'geneticSyndrome', answer: 'not-sure' },
    ])
  })

  it('uses a fresh IV for every record', async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()]
    await deliver(QUEUE, [await messageFor(a), await messageFor(b)])
    expect((await leadRow(a))?.iv).not.toBe((await leadRow(b))?.iv)
  })

  it('makes one lead of a redelivered message', async () => {
    const id = crypto.randomUUID()
    const message = await messageFor(id)
    await deliver(QUEUE, [message])
    const again = await deliver(QUEUE, [message, await messageFor(id)], env, 2)
    expect(again.result.explicitAcks).toHaveLength(2)
    const n = await env.LEADS.prepare('SELECT count(*) AS n FROM leads WHERE id = ?1')
      .bind(id)
      .first<number>('n')
    expect(n).toBe(1)
  })

  it('retries with backoff when the D1 write fails, then stores on recovery', async () => {
    const id = crypto.randomUUID()
    const message = await messageFor(id)
    const failed = await deliver(QUEUE, [message], { ...env, LEADS: failingD1() }, 3)
    expect(failed.result.explicitAcks).toEqual([])
    expect(failed.result.retryMessages).toMatchObject([{ msgId: failed.batch.messages[0]?.id }])
    expect(await leadRow(id)).toBeNull()

    const recovered = await deliver(QUEUE, [message], env, 4)
    expect(recovered.result.explicitAcks).toHaveLength(1)
    expect(await leadRow(id)).not.toBeNull()
  })

  it('backs off exponentially, capped at five minutes', () => {
    expect([1, 2, 3, 8, 20].map(retryDelaySeconds)).toEqual([2, 4, 8, 256, 300])
  })

  it.each([
    ['a body that is not an inquiry message', { hello: 'world' }, 'malformed-message'],
    ['a message sealed with another key', 'tampered', 'unreadable-inquiry'],
  ])('keeps %s as a dead letter and acks it', async (_, kind, reason) => {
    const id = crypto.randomUUID()
    let body: unknown = kind
    if (kind === 'tampered') {
      const message = await messageFor(id)
      body = {
        ...message,
        sealed: { ...message.sealed, ciphertext: btoa('garbage that will not decrypt') },
      }
    }
    const { batch, result } = await deliver(QUEUE, [body])
    expect(result.explicitAcks).toHaveLength(1)
    const letter = await env.LEADS.prepare('SELECT * FROM dead_letters WHERE id = ?1')
      .bind(batch.messages[0]?.id)
      .first<{ reason: string; body: string; inquiry_id: string | null }>()
    expect(letter?.reason).toBe(reason)
    expect(JSON.parse(letter?.body ?? 'null')).toEqual(body)
    expect(await leadRow(id)).toBeNull()
  })
})

describe('a queue this environment does not name', () => {
  it('is retried, never stored as if it were the inquiries or the dead-letter queue', async () => {
    const id = crypto.randomUUID()
    const { result } = await deliver(`${QUEUE}-renamed`, [await messageFor(id)])
    expect(result.explicitAcks).toEqual([])
    expect(result.retryBatch.retry).toBe(true)
    expect(await leadRow(id)).toBeNull()
  })
})

describe('the dead-letter queue consumer', () => {
  it('stores the lead itself once D1 answers, with no dead letter row', async () => {
    const id = crypto.randomUUID()
    const { result } = await deliver(DLQ, [await messageFor(id)], env, 6)
    expect(result.explicitAcks).toHaveLength(1)
    expect(await leadRow(id)).not.toBeNull()
    const letters = await env.LEADS.prepare(
      'SELECT count(*) AS n FROM dead_letters WHERE inquiry_id = ?1',
    )
      .bind(id)
      .first('n')
    expect(letters).toBe(0)
  })

  it('keeps a message as a dead letter, still sealed, when its last delivery fails too', async () => {
    const id = crypto.randomUUID()
    const message = await messageFor(id)
    await env.LEADS.prepare('ALTER TABLE leads RENAME TO leads_away').run()
    const last = DEAD_LETTER_QUEUE_MAX_RETRIES + 1
    const { batch, result } = await deliver(DLQ, [message], env, last).finally(() =>
      env.LEADS.prepare('ALTER TABLE leads_away RENAME TO leads').run(),
    )
    expect(result.explicitAcks).toHaveLength(1)
    const letter = await env.LEADS.prepare('SELECT * FROM dead_letters WHERE id = ?1')
      .bind(batch.messages[0]?.id)
      .first<{ reason: string; inquiry_id: string; body: string; attempts: number }>()
    expect(letter).toMatchObject({ reason: 'retries-exhausted', inquiry_id: id, attempts: last })
    expect(letter?.body).not.toContain('Paula')
  })

  it('retries when D1 is down instead of dropping the message', async () => {
    const { result } = await deliver(DLQ, [await messageFor(crypto.randomUUID())], {
      ...env,
      LEADS: failingD1(),
    })
    expect(result.explicitAcks).toEqual([])
    expect(result.retryMessages).toHaveLength(1)
  })
})
