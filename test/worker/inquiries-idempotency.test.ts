import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { app } from '../../worker/app.ts'
import { sha256Hex } from '../../worker/crypto/sha256.ts'
import { DEMO_API_KEY, seedCatalog } from './helpers/catalog.ts'
import { json } from './helpers/http.ts'
import { nextClientIp, postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'

const V1 = env.LEADS_KEY
const V2 = `v2:${btoa('a second key of 32 bytes, v2 ok!')}`

/** POST /v1/inquiries through the app with another LEADS_KEY (a rotation, a new deploy). */
function postWithKeyring(leadsKey: string, body: unknown, key: string): Promise<Response> {
  return Promise.resolve(
    app.request(
      '/v1/inquiries',
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'CF-Connecting-IP': nextClientIp(),
          'Idempotency-Key': key,
          Authorization: `Bearer ${DEMO_API_KEY}`,
        },
        body: JSON.stringify(body),
      },
      { ...env, LEADS_KEY: leadsKey },
    ),
  )
}

async function storedFingerprint(id: string) {
  return env.LEADS.prepare('SELECT * FROM idempotency_keys WHERE inquiry_id = ?1')
    .bind(id)
    .first<Record<string, unknown>>()
}

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

  it('keeps only a keyed fingerprint of the body, with its key version', async () => {
    const key = crypto.randomUUID()
    const body = validInquiry()
    const { id } = await json<{ id: string }>(await postWithKeyring(V1, body, key))
    const row = await storedFingerprint(id)
    expect(Object.keys(row ?? {}).sort()).toEqual([
      'body_mac',
      'created_at',
      'inquiry_id',
      'key_version',
    ])
    expect(row?.key_version).toBe('v1')
    expect(row?.body_mac).toMatch(/^[0-9a-f]{64}$/)
    // Not the digest anyone could compute from a guessed body.
    expect(row?.body_mac).not.toBe(await sha256Hex(JSON.stringify(body)))
    // The same body under another secret leaves another fingerprint.
    const again = await json<{ id: string }>(await postWithKeyring(V2, body, crypto.randomUUID()))
    const other = await storedFingerprint(again.id)
    expect(other?.key_version).toBe('v2')
    expect(other?.body_mac).not.toBe(row?.body_mac)
  })

  it('recognises a repeat and a reused key across a key rotation', async () => {
    const key = crypto.randomUUID()
    const { id } = await json<{ id: string }>(await postWithKeyring(V1, validInquiry(), key))
    // v2 now seals and fingerprints; v1 still opens what it made.
    const rotated = `${V2},${V1}`
    const repeat = await postWithKeyring(rotated, validInquiry(), key)
    expect(repeat.status).toBe(202)
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true')
    expect((await json<{ id: string }>(repeat)).id).toBe(id)
    const reused = await postWithKeyring(rotated, validInquiry({ childAgeYears: 11 }), key)
    expect(reused.status).toBe(422)
    expect(await json(reused)).toMatchObject({ error: 'idempotency_key_reused' })
    // Once v1 has left the keyring the body cannot be compared: the key still names one inquiry.
    const late = await postWithKeyring(V2, validInquiry(), key)
    expect(late.status).toBe(202)
    expect((await json<{ id: string }>(late)).id).toBe(id)
    await waitForLead(id)
    await new Promise((r) => setTimeout(r, 1500))
    expect(await leadCount(id)).toBe(1)
  })

  it('answers 503 and keeps nothing when the keyring is refused', async () => {
    const count = async () =>
      (await env.LEADS.prepare('SELECT count(*) AS n FROM idempotency_keys').first<number>('n')) ??
      -1
    const before = await count()
    const response = await postWithKeyring('v1:not-base64!', validInquiry(), crypto.randomUUID())
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('5')
    expect(await count()).toBe(before)
  })
})
