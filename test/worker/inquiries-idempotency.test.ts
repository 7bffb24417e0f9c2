import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { seedCatalog } from './helpers/catalog.ts'
import { json } from './helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'

async function leadCount(id: string): Promise<number> {
  return (
    (await env.LEADS.prepare('SELECT count(*) AS n FROM leads WHERE id = ?1')
      .bind(id)
      .first<number>('n')) ?? 0
  )
}

describe('Idempotency-Key on POST /v1/inquiries', () => {
  beforeEach(() => seedCatalog())

  it('returns the same id for a repeat and produces one lead', async () => {
    const key = crypto.randomUUID()
    const first = await postInquiry(validInquiry(), { key })
    const second = await postInquiry(validInquiry(), { key })
    expect(first.status).toBe(202)
    expect(second.status).toBe(202)
    const { id } = await json<{ id: string }>(first)
    expect((await json<{ id: string }>(second)).id).toBe(id)
    expect(second.headers.get('Idempotent-Replayed')).toBe('true')
    await waitForLead(id)
    await new Promise((r) => setTimeout(r, 1500))
    expect(await leadCount(id)).toBe(1)
  })

  it('returns the same id when the repeat comes after the lead was stored', async () => {
    const key = crypto.randomUUID()
    const { id } = await json<{ id: string }>(await postInquiry(validInquiry(), { key }))
    await waitForLead(id)
    const later = await postInquiry(validInquiry(), { key })
    expect(later.status).toBe(202)
    expect((await json<{ id: string }>(later)).id).toBe(id)
    await new Promise((r) => setTimeout(r, 1500))
    expect(await leadCount(id)).toBe(1)
  })

  it('treats a body that differs only in formatting as the same request', async () => {
    const key = crypto.randomUUID()
    const body = validInquiry()
    const first = await json<{ id: string }>(await postInquiry(body, { key }))
    const spaced = await postInquiry(JSON.stringify(body, null, 2), { key })
    expect(spaced.status).toBe(202)
    expect((await json<{ id: string }>(spaced)).id).toBe(first.id)
  })

  it('refuses a reused key with a different body, and keeps the first request', async () => {
    const key = crypto.randomUUID()
    const { id } = await json<{ id: string }>(await postInquiry(validInquiry(), { key }))
    const other = await postInquiry(validInquiry({ childAgeYears: 9 }), { key })
    expect(other.status).toBe(422)
    expect(await json(other)).toMatchObject({ error: 'idempotency_key_reused' })
    await waitForLead(id)
    expect(await leadCount(id)).toBe(1)
  })

  it('scopes keys to the partner', async () => {
    const catalog = (await import('./helpers/catalog.ts')).sampleCatalog()
    catalog.partners.push({
      ...catalog.partners[0],
      id: 'demo-two',
    } as (typeof catalog.partners)[0])
    await seedCatalog(catalog)
    const key = crypto.randomUUID()
    const a = await json<{ id: string }>(await postInquiry(validInquiry(), { key }))
    const b = await json<{ id: string }>(
      await postInquiry(validInquiry({ partnerId: 'demo-two' }), { key }),
    )
    expect(a.id).not.toBe(b.id)
  })

  it('refuses a malformed key with 400', async () => {
    const response = await postInquiry(validInquiry(), { key: 'has spaces in it' })
    expect(response.status).toBe(400)
    expect(await json(response)).toMatchObject({ error: 'invalid_idempotency_key' })
  })

  it('gives each request without a key its own lead', async () => {
    const a = await json<{ id: string }>(await postInquiry(validInquiry()))
    const b = await json<{ id: string }>(await postInquiry(validInquiry()))
    expect(a.id).not.toBe(b.id)
    await waitForLead(a.id)
    await waitForLead(b.id)
  })
})
