import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_MESSAGE_LENGTH } from '../../shared/limits.ts'
import { Inquiry } from '../../shared/schemas/inquiry.ts'
import { app } from '../../worker/app.ts'
import { seal } from '../../worker/crypto/lead-cipher.ts'
import { insertLead } from '../../worker/leads/insert.ts'
import { handleQueue } from '../../worker/queue/dispatch.ts'
import { sealInquiry } from '../../worker/queue/message.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { json } from './helpers/http.ts'
import { validInquiry } from './helpers/inquiry.ts'
import {
  asCoordinator,
  authed,
  clearLeadStore,
  pull,
  sampleInquiry,
  seedLeads,
} from './helpers/leads.ts'
import { configuredQueues } from './helpers/queue.ts'

const KEY = (env.LEADS_KEY.split(':')[1] ?? '') as string
const OTHER = btoa('another key of 32 bytes, not ok!')

beforeEach(clearLeadStore)
afterEach(() => vi.restoreAllMocks())

interface Row {
  id: string
  lease_id: string | null
  visible_at: number
  attempts: number
}
async function rows(): Promise<Row[]> {
  const { results } = await env.LEADS.prepare(
    'SELECT id, lease_id, visible_at, attempts FROM leads ORDER BY id',
  ).run<Row>()
  return results
}

function pullWith(leadsKey: string) {
  return app.request('/v1/leads/pull', authed({ batchSize: 10 }), { ...env, LEADS_KEY: leadsKey })
}

describe('a LEADS_KEY that cannot be trusted is refused at first use', () => {
  it.each([
    ['a repeated label', `v1:${KEY},v1:${OTHER}`, 'names version v1 twice'],
    ['a malformed entry', `v2:${KEY},:${OTHER}`, 'no valid version label'],
    ['an empty entry', `v2:${KEY},,v1:${OTHER}`, 'empty entry'],
  ])(
    'with %s: logged, in the health view, no lead leased, no lead sealed',
    async (_, secret, problem) => {
      await seedCatalog()
      await seedLeads(3)
      const before = await rows()
      const logged = vi.spyOn(console, 'error')

      const pulled = await pullWith(secret)
      expect(pulled.status).toBe(503)
      expect(await json(pulled)).toMatchObject({ error: 'leads_key_unusable' })
      expect(await rows()).toEqual(before)
      expect(logged.mock.calls.flat().join('\n')).toContain(problem)

      const health = await app.request('/v1/health', asCoordinator, { ...env, LEADS_KEY: secret })
      expect(health.status).toBe(200)
      expect(await json(health)).toMatchObject({
        status: 'degraded',
        secrets: { LEADS_KEY: { status: 'error', problem: expect.stringContaining(problem) } },
      })

      // The consumer does not seal with a guessed key: it retries until the secret is fixed.
      const message = await sealInquiry(
        env.LEADS_KEY,
        'inq-keyring',
        Date.now(),
        v.parse(Inquiry, validInquiry()),
      )
      const batch = createMessageBatch(configuredQueues().MAIN.queue, [
        { id: 'm-keyring', timestamp: new Date(), attempts: 1, body: message },
      ])
      const ctx = createExecutionContext()
      await handleQueue(batch, { ...env, LEADS_KEY: secret })
      const result = await getQueueResult(batch, ctx)
      expect(result.retryMessages).toHaveLength(1)
      expect((await rows()).map((r) => r.id)).not.toContain('inq-keyring')
    },
  )
})

describe('a pull the keyring cannot serve', () => {
  it('answers 503 for a wrong key under the same label and leaves every lease untouched', async () => {
    await seedLeads(3)
    const before = await rows()
    const response = await pullWith(`v1:${OTHER}`)
    expect(response.status).toBe(503)
    expect(await json(response)).toMatchObject({ error: 'leads_key_unusable' })
    expect(await rows()).toEqual(before)
    // With the right key they are all there at once, not parked for an hour.
    const { body } = await pull({ batchSize: 10 })
    expect(body.leads).toHaveLength(3)
    expect(body.skipped).toBe(0)
  })

  it('answers 503 when the keyring lacks the version a lead was sealed with', async () => {
    await seedLeads(2)
    const before = await rows()
    const response = await pullWith(`v2:${OTHER}`)
    expect(response.status).toBe(503)
    expect(await rows()).toEqual(before)
  })
})

describe('old leads stay readable', () => {
  it('pulls a lead sealed in the v1 format that breaks a rule tightened since', async () => {
    // Written as v1 was first written (no `v` field), with a message longer than today's limit.
    const inquiry = { ...sampleInquiry(), message: 'x'.repeat(MAX_MESSAGE_LENGTH + 500) }
    expect(v.safeParse(Inquiry, inquiry).success).toBe(false)
    const payload = { inquiry, flags: [{ question: 'uncontrolledSeizures', answer: 'not-sure' }] }
    const sealed = await seal(env.LEADS_KEY, JSON.stringify(payload), 'lead:lead-old-format')
    await insertLead(env.LEADS, {
      id: 'lead-old-format',
      partnerId: 'demo',
      receivedAt: Date.now() - 1000,
      sealed: { keyVersion: sealed.keyVersion, iv: sealed.iv, ciphertext: sealed.ciphertext },
    })
    const { response, body } = await pull({ batchSize: 10 })
    expect(response.status).toBe(200)
    expect(body.skipped).toBe(0)
    expect(body.leads.map((l) => l.id)).toEqual(['lead-old-format'])
    expect(body.leads[0]?.inquiry.message).toHaveLength(MAX_MESSAGE_LENGTH + 500)
  })
})
