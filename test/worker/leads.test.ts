import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { call, json } from './helpers/http.ts'
import {
  ack,
  authed,
  clearLeadStore,
  pull,
  sampleInquiry,
  seedLead,
  seedLeads,
  TOKEN,
} from './helpers/leads.ts'

beforeEach(clearLeadStore)

describe('POST /v1/leads/pull', () => {
  it('hands out leads oldest first with the personal fields decrypted', async () => {
    const inquiry = sampleInquiry({ parentName: 'Sample Parent Two', childAgeYears: 9 })
    await seedLead('lead-newer', { receivedAt: Date.parse('2026-11-02T10:00:00Z'), inquiry })
    await seedLead('lead-older', { receivedAt: Date.parse('2026-11-01T10:00:00Z') })

    const { response, body } = await pull({ batchSize: 10 })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(body.skipped).toBe(0)
    expect(body.leads.map((lead) => lead.id)).toEqual(['lead-older', 'lead-newer'])
    const [, newer] = body.leads
    expect(newer).toMatchObject({
      id: 'lead-newer',
      receivedAt: '2026-11-02T10:00:00.000Z',
      attempts: 1,
      inquiry,
      flags: [{ question: 'uncontrolledSeizures', answer: 'not-sure' }],
    })
    expect(newer?.leaseId).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('keeps pulled leads hidden from the next pull', async () => {
    await seedLeads(3)
    const first = await pull({ batchSize: 2 })
    const second = await pull({ batchSize: 10 })
    const third = await pull({ batchSize: 10 })
    expect(first.body.leads).toHaveLength(2)
    expect(second.body.leads.map((l) => l.id)).toEqual(['lead-0002'])
    expect(third.body.leads).toEqual([])
  })

  it('defaults to a batch of 10 and a 30 s visibility timeout', async () => {
    await seedLeads(12)
    const before = Date.now()
    const { body } = await pull()
    expect(body.leads).toHaveLength(10)
    const row = await env.LEADS.prepare('SELECT visible_at FROM leads WHERE id = ?')
      .bind('lead-0000')
      .first<{ visible_at: number }>()
    expect(row?.visible_at).toBeGreaterThanOrEqual(before + 30_000)
    expect(row?.visible_at).toBeLessThan(Date.now() + 31_000)
  })

  it('never hands the same lead to two pulls running at once', async () => {
    await seedLeads(60)
    const pulls = await Promise.all(Array.from({ length: 8 }, () => pull({ batchSize: 10 })))
    const ids = pulls.flatMap((p) => p.body.leads.map((l) => l.id))
    const leaseIds = pulls.flatMap((p) => p.body.leads.map((l) => l.leaseId))
    expect(ids).toHaveLength(60)
    expect(new Set(ids).size).toBe(60)
    expect(new Set(leaseIds).size).toBe(60)
  })

  it('skips and counts a damaged lead without breaking the pull', async () => {
    await seedLeads(2)
    await seedLead('lead-damaged', { receivedAt: Date.now() - 120_000 })
    // Another record's ciphertext: the key is right (its check matches), the row is not.
    await env.LEADS.prepare(
      "UPDATE leads SET ciphertext = (SELECT ciphertext FROM leads WHERE id = 'lead-0000') WHERE id = 'lead-damaged'",
    ).run()

    const { response, body } = await pull({ batchSize: 10 })
    expect(response.status).toBe(200)
    expect(body.leads.map((l) => l.id)).toEqual(['lead-0000', 'lead-0001'])
    expect(body.skipped).toBe(1)
    const parked = await env.LEADS.prepare(
      "SELECT visible_at, acked_at FROM leads WHERE id = 'lead-damaged'",
    ).first<{ visible_at: number; acked_at: number | null }>()
    expect(parked?.acked_at).toBeNull()
    expect(parked?.visible_at).toBeGreaterThan(Date.now() + 50 * 60_000)
  })

  it.each([
    [{ batchSize: 0 }, 'batchSize'],
    [{ batchSize: 101 }, 'batchSize'],
    [{ batchSize: 2.5 }, 'batchSize'],
    [{ visibilityTimeoutMs: 43_200_001 }, 'visibilityTimeoutMs'],
    [{ visibilityTimeoutMs: '30000' }, 'visibilityTimeoutMs'],
    [{ limit: 5 }, 'limit'],
  ])('refuses %j with 422 and the field path', async (request, path) => {
    const { response, body } = await pull(request)
    expect(response.status).toBe(422)
    expect(body).toMatchObject({
      error: 'invalid_pull',
      issues: [expect.objectContaining({ path })],
    })
  })

  it('refuses a body that is not JSON with 400', async () => {
    const response = await call('/v1/leads/pull', { ...authed({}), body: '{"batchSize":' })
    expect(response.status).toBe(400)
    expect(await json(response)).toMatchObject({ error: 'malformed_json' })
  })

  it('refuses another content type with 415', async () => {
    const response = await call('/v1/leads/pull', {
      ...authed({}),
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' },
    })
    expect(response.status).toBe(415)
    expect(await json(response)).toMatchObject({ error: 'unsupported_media_type' })
  })
})

describe('POST /v1/leads/ack', () => {
  it('acks a lease so the lead is never handed out again', async () => {
    await seedLeads(2)
    const { body: pulled } = await pull({ batchSize: 2, visibilityTimeoutMs: 1000 })
    const first = pulled.leads[0]
    if (!first) throw new Error('nothing pulled')
    const { response, body } = await ack({ acks: [first.leaseId] })
    expect(response.status).toBe(200)
    expect(body).toEqual({ acked: 1, retried: 0, deletionsAcked: 0 })
    await new Promise((r) => setTimeout(r, 1100))
    const again = await pull({ batchSize: 10 })
    expect(again.body.leads.map((l) => l.id)).toEqual(['lead-0001'])
    expect(again.body.leads[0]?.attempts).toBe(2)
  })

  it('answers an ack sent again as the first one, and acks once', async () => {
    await seedLeads(2)
    const { body: pulled } = await pull({ batchSize: 1 })
    const leaseId = pulled.leads[0]?.leaseId
    const once = { acked: 1, retried: 0, deletionsAcked: 0 }
    expect((await ack({ acks: [leaseId, leaseId] })).body).toEqual(once)
    const first = await env.LEADS.prepare(
      "SELECT l.acked_at, r.at FROM leads l JOIN lead_reads r ON r.lead_id = l.id AND r.event = 'acked'",
    ).all()
    await new Promise((r) => setTimeout(r, 5))
    // The client's repeat after a lost answer: it must not hear "expired, will come back".
    expect((await ack({ acks: [leaseId] })).body).toEqual(once)
    expect((await ack({ acks: [leaseId, 'not-a-real-lease'] })).body).toEqual(once)
    const after = await env.LEADS.prepare(
      "SELECT l.acked_at, r.at FROM leads l JOIN lead_reads r ON r.lead_id = l.id AND r.event = 'acked'",
    ).all()
    expect(after.results).toEqual(first.results)
    expect(first.results).toHaveLength(1)
    // The other lead, never acked, is still waiting.
    expect((await pull()).body.leads.map((l) => l.id)).toEqual(['lead-0001'])
  })

  it('gives a retried lease back at once, and its old lease id acks nothing', async () => {
    await seedLeads(1)
    const { body: pulled } = await pull({ visibilityTimeoutMs: 60_000 })
    const leaseId = pulled.leads[0]?.leaseId
    expect((await ack({ retries: [{ leaseId }] })).body).toEqual({
      acked: 0,
      retried: 1,
      deletionsAcked: 0,
    })
    const again = await pull()
    expect(again.body.leads.map((l) => [l.id, l.attempts])).toEqual([['lead-0000', 2]])
    expect((await ack({ acks: [leaseId] })).body).toEqual({
      acked: 0,
      retried: 0,
      deletionsAcked: 0,
    })
    expect((await ack({ acks: [again.body.leads[0]?.leaseId] })).body.acked).toBe(1)
  })

  it('keeps a lease retried with a delay hidden until the delay passes', async () => {
    await seedLeads(1)
    const { body: pulled } = await pull()
    const leaseId = pulled.leads[0]?.leaseId
    await ack({ retries: [{ leaseId, delaySeconds: 600 }] })
    expect((await pull()).body.leads).toEqual([])
    const row = await env.LEADS.prepare('SELECT visible_at FROM leads').first<{
      visible_at: number
    }>()
    expect(row?.visible_at).toBeGreaterThan(Date.now() + 590_000)
  })

  it('counts an unknown lease id as nothing', async () => {
    expect((await ack({ acks: ['not-a-real-lease'] })).body).toEqual({
      acked: 0,
      retried: 0,
      deletionsAcked: 0,
    })
  })

  it.each([
    [{ acks: 'abc' }, 'acks'],
    [{ acks: [1] }, 'acks.0'],
    [{ acks: Array.from({ length: 101 }, (_, i) => `l${i}`) }, 'acks'],
    [{ retries: [{ leaseId: 'x', delaySeconds: -1 }] }, 'retries.0.delaySeconds'],
    [{ acks: [], extra: true }, 'extra'],
  ])('refuses %j with 422', async (request, path) => {
    const { response, body } = await ack(request)
    expect(response.status).toBe(422)
    expect(body).toMatchObject({
      error: 'invalid_ack',
      issues: [expect.objectContaining({ path })],
    })
  })
})
