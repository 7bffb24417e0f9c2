import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Inquiry } from '../../../shared/schemas/inquiry.ts'
import { app } from '../../../worker/app.ts'
import { seal } from '../../../worker/crypto/lead-cipher.ts'
import { insertDeadLetter } from '../../../worker/leads/insert.ts'
import { DEMO_API_KEY, seedCatalog } from '../helpers/catalog.ts'
import { call, json } from '../helpers/http.ts'
import { nextClientIp, postInquiry, validInquiry, waitForLead } from '../helpers/inquiry.ts'
import { ack, authed, clearLeadStore, OLD_TOKEN, pull, TOKEN } from '../helpers/leads.ts'
import { configuredQueues, deliver, recordingQueue } from '../helpers/queue.ts'
import { postReceipt, rowCount, secretOf } from './helpers.ts'

beforeAll(() => seedCatalog())
beforeEach(async () => {
  await clearLeadStore()
  await env.LEADS.batch([
    env.LEADS.prepare('DELETE FROM withdrawn'),
    env.LEADS.prepare('DELETE FROM lead_reads'),
    env.LEADS.prepare('DELETE FROM rights_requests'),
  ])
})

const { MAIN, DLQ } = configuredQueues()

/** Sends an inquiry through the real intake, keeping its queue message for the test to deliver. */
async function sendCapturing(key: string) {
  const { sent, queue } = recordingQueue()
  const ctx = createExecutionContext()
  const response = await app.fetch(
    new Request('https://worker.test/v1/inquiries', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': key,
        'CF-Connecting-IP': nextClientIp(),
        // The partner's server's way in: no Turnstile token to make.
        Authorization: `Bearer ${DEMO_API_KEY}`,
      },
      body: JSON.stringify(validInquiry()),
    }),
    { ...env, INQUIRIES: queue },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  expect(response.status).toBe(202)
  return { accepted: await json<{ id: string; receipt: string }>(response), sent }
}

async function storedThrough(key: string) {
  const response = await postInquiry(validInquiry(), { key })
  const accepted = await json<{ id: string; receipt: string }>(response)
  await waitForLead(accepted.id)
  return accepted
}

const leadRows = (id: string) => rowCount('SELECT 1 FROM leads WHERE id = ?1', id)

describe('a family deletes its request', () => {
  it('locks it at once: no ciphertext left, the view answers 410, a repeat answers the same time', async () => {
    const { id, receipt } = await storedThrough(crypto.randomUUID())
    const first = await postReceipt('/delete', secretOf(receipt))
    expect(first.response.status).toBe(200)
    expect(first.body).toMatchObject({ id, status: 'withdrawn', recipientsToNotify: [] })
    expect(await leadRows(id)).toBe(0)
    expect(await rowCount('SELECT 1 FROM withdrawn WHERE inquiry_id = ?1', id)).toBe(1)
    const view = await postReceipt('', secretOf(receipt))
    expect(view.response.status).toBe(410)
    expect(view.body).toMatchObject({ error: 'request_withdrawn' })
    const again = await postReceipt('/delete', secretOf(receipt))
    expect(again.body).toEqual(first.body)
    expect((await pull()).body.leads).toEqual([])
  })

  it('a re-send with the same Idempotency-Key makes no lead, and gets the same link', async () => {
    const key = crypto.randomUUID()
    const { id, receipt } = await storedThrough(key)
    await postReceipt('/delete', secretOf(receipt))
    const { accepted, sent } = await sendCapturing(key)
    expect(accepted).toEqual({ id, status: 'queued', receipt })
    const result = await deliver(MAIN.queue, sent).then((d) => d.result)
    expect(result.explicitAcks).toHaveLength(1)
    expect(await leadRows(id)).toBe(0)
  })

  it('a copy still in the queue when the family deleted never becomes a lead', async () => {
    const { accepted, sent } = await sendCapturing(crypto.randomUUID())
    await postReceipt('/delete', secretOf(accepted.receipt))
    const result = await deliver(MAIN.queue, sent).then((d) => d.result)
    expect(result.explicitAcks).toHaveLength(1)
    expect(await leadRows(accepted.id)).toBe(0)
    // And the family, who deleted before it was stored, sees it deleted.
    expect((await postReceipt('', secretOf(accepted.receipt))).response.status).toBe(410)
  })

  it('deletes its dead letters, and a last dead-letter delivery after the deletion keeps none', async () => {
    const { accepted, sent } = await sendCapturing(crypto.randomUUID())
    await insertDeadLetter(env.LEADS, {
      id: 'dead-1',
      inquiryId: accepted.id,
      reason: 'retries-exhausted',
      attempts: 20,
      body: JSON.stringify(sent[0]),
    })
    await postReceipt('/delete', secretOf(accepted.receipt))
    expect(await rowCount('SELECT 1 FROM dead_letters WHERE inquiry_id = ?1', accepted.id)).toBe(0)
    // The dead-letter queue's last delivery, with D1 answering: the insert of the lead is refused by the tombstone.
    const result = await deliver(DLQ.queue, sent, env, 101).then((d) => d.result)
    expect(result.explicitAcks).toHaveLength(1)
    expect(await leadRows(accepted.id)).toBe(0)
    expect(await rowCount('SELECT 1 FROM dead_letters WHERE inquiry_id = ?1', accepted.id)).toBe(0)
  })

  it('reaches every coordinator who received it, and only them, until each acknowledges', async () => {
    const { id, receipt } = await storedThrough(crypto.randomUUID())
    const { body: pulled } = await pull({}, TOKEN)
    expect(pulled.leads.map((l) => l.id)).toEqual([id])
    await ack({ acks: [pulled.leads[0]?.leaseId] }, TOKEN)
    const deleted = await postReceipt('/delete', secretOf(receipt))
    expect((deleted.body as { recipientsToNotify: string[] }).recipientsToNotify).toHaveLength(1)

    expect((await pull({}, OLD_TOKEN)).body.deletions).toEqual([])
    expect((await pull({}, TOKEN)).body.deletions).toEqual([id])
    expect((await pull({}, TOKEN)).body.deletions).toEqual([id])
    // A token that never received it cannot acknowledge its deletion.
    expect((await ack({ deletions: [id] }, OLD_TOKEN)).body.deletionsAcked).toBe(0)
    expect((await ack({ deletions: [id] }, TOKEN)).body.deletionsAcked).toBe(1)
    // Sent again (its answer lost): the same answer, and still acknowledged once.
    expect((await ack({ deletions: [id] }, TOKEN)).body.deletionsAcked).toBe(1)
    expect((await ack({ deletions: [id] }, OLD_TOKEN)).body.deletionsAcked).toBe(0)
    expect(await rowCount("SELECT 1 FROM lead_reads WHERE event = 'deletion-acked'")).toBe(1)
    expect((await pull({}, TOKEN)).body.deletions).toEqual([])

    const rights = await json<{ requests: Record<string, unknown>[] }>(
      await call('/v1/rights', { headers: { Authorization: `Bearer ${TOKEN}` } }),
    )
    expect(rights.requests).toEqual([
      expect.objectContaining({
        inquiryId: id,
        kind: 'deletion',
        via: 'receipt',
        ageDays: 0,
        complete: true,
      }),
    ])
  })
})

describe('a family who asks by email', () => {
  it('is found by a keyed HMAC of the normalised address, never the address in clear', async () => {
    const { id } = await storedThrough(crypto.randomUUID())
    const row = await env.LEADS.prepare('SELECT email_mac FROM leads WHERE id = ?1')
      .bind(id)
      .first<{ email_mac: string }>()
    expect(row?.email_mac).toMatch(/^[0-9a-f]{64}$/)
    const response = await call(
      '/v1/rights/forget',
      authed({ email: '  Paula.Prueba@EXAMPLE.com ' }),
    )
    expect(response.status).toBe(200)
    const body = await json<{ withdrawn: { id: string }[] }>(response)
    expect(body.withdrawn.map((w) => w.id)).toEqual([id])
    expect(await leadRows(id)).toBe(0)
    const [entry] = (
      await json<{ requests: { via: string; complete: boolean }[] }>(
        await call('/v1/rights', { headers: { Authorization: `Bearer ${TOKEN}` } }),
      )
    ).requests
    expect(entry?.via).toMatch(/^coordinator:token-[0-9a-f]{8}$/)
  })

  it('forgets by id too, and an address with no request withdraws nothing', async () => {
    const { id } = await storedThrough(crypto.randomUUID())
    const none = await json<{ withdrawn: unknown[] }>(
      await call('/v1/rights/forget', authed({ email: 'nobody@example.com' })),
    )
    expect(none.withdrawn).toEqual([])
    const byId = await json<{ withdrawn: { id: string }[] }>(
      await call('/v1/rights/forget', authed({ id })),
    )
    expect(byId.withdrawn.map((w) => w.id)).toEqual([id])
    expect(await leadRows(id)).toBe(0)
  })

  it('refuses a request naming neither or both with 422', async () => {
    for (const body of [{}, { id: 'x', email: 'a@example.com' }]) {
      const response = await call('/v1/rights/forget', authed(body))
      expect(response.status).toBe(422)
    }
  })
})

describe('a request sealed before consent records', () => {
  it('still becomes a lead (its notice version as sent), marked "do not share with clinics"', async () => {
    const id = crypto.randomUUID()
    const receivedAt = Date.now()
    // A version 2 message, as intake sealed it before consent records: one consent box, a free version string.
    const inquiry = { ...v.parse(Inquiry, validInquiry()), consentVersion: '2026-11.1-es' }
    delete (inquiry as { shareWithClinics?: boolean }).shareWithClinics
    const sealed = await seal(
      env.LEADS_KEY,
      JSON.stringify(inquiry),
      `inquiry:v2:${id}|demo|${receivedAt}`,
    )
    const result = await deliver(MAIN.queue, [
      { v: 2, id, partnerId: 'demo', receivedAt, sealed },
    ]).then((d) => d.result)
    expect(result.explicitAcks).toHaveLength(1)
    const [lead] = (await pull()).body.leads
    expect(lead?.sharing).toBe('do-not-share-with-clinics')
    expect(lead?.consent).toMatchObject({ noticeVersion: '2026-11.1-es', noticeSha256: null })
  })
})

describe('dead letters of a withdrawn request', () => {
  it('are never kept', async () => {
    const id = crypto.randomUUID()
    await env.LEADS.prepare(
      "INSERT INTO withdrawn (inquiry_id, withdrawn_at, via) VALUES (?1, 1, 'receipt')",
    )
      .bind(id)
      .run()
    await insertDeadLetter(env.LEADS, {
      id: 'dead-2',
      inquiryId: id,
      reason: 'retries-exhausted',
      attempts: 101,
      body: '{}',
    })
    expect(await rowCount('SELECT 1 FROM dead_letters WHERE inquiry_id = ?1', id)).toBe(0)
  })
})
