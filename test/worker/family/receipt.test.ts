import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sampleCatalog, seedCatalog } from '../helpers/catalog.ts'
import { call, json } from '../helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from '../helpers/inquiry.ts'
import { ack, clearLeadStore, OLD_TOKEN, pull } from '../helpers/leads.ts'
import { inOneLimiterWindow } from '../helpers/limiter-window.ts'
import { postReceipt, rowCount, secretOf } from './helpers.ts'

beforeAll(() => seedCatalog())
beforeEach(clearLeadStore)

async function send(key = crypto.randomUUID()) {
  const response = await postInquiry(validInquiry(), { key })
  expect(response.status).toBe(202)
  return json<{ id: string; receipt: string }>(response)
}

describe('the receipt link', () => {
  it('is given with the 202, its secret in the fragment, the same for a repeat of the request', async () => {
    const key = crypto.randomUUID()
    const first = await send(key)
    const again = await send(key)
    const url = new URL(first.receipt)
    expect(url.pathname).toBe('/my-request')
    expect(url.searchParams.get('lang')).toBe('es')
    expect(url.hash.length).toBeGreaterThan(40)
    expect(again).toEqual(first)
    // Nothing of the secret is stored: only what the Worker derives again from the id.
    const secret = secretOf(first.receipt)
    const mac = secret.split('.').at(-1) ?? ''
    for (const table of ['leads', 'idempotency_keys', 'dead_letters']) {
      const { results } = await env.LEADS.prepare(`SELECT * FROM ${table}`).all()
      expect(JSON.stringify(results)).not.toContain(mac)
    }
  })

  it('serves a page that holds nothing about anyone and may not be framed', async () => {
    const page = await call('/my-request?lang=es')
    expect(page.status).toBe(200)
    expect(page.headers.get('Cache-Control')).toBe('no-store')
    expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(await page.text()).toContain('<html lang="es">')
  })

  it('shows the family its answers, its consent and "not yet delivered", then the delivery', async () => {
    const { id, receipt } = await send()
    await waitForLead(id)
    const before = await postReceipt('', secretOf(receipt))
    expect(before.response.status).toBe(200)
    expect(before.response.headers.get('Cache-Control')).toBe('no-store')
    expect(before.body).toMatchObject({
      id,
      status: 'stored',
      inquiry: { parentName: 'Paula Prueba', email: 'paula.prueba@example.com' },
      consent: { noticeVersion: '2026-12', shareWithClinics: false },
      deliveries: [],
    })
    // The request keeps clinic ids; the family reads the names the catalog gives them.
    const named = (before.body as { clinics: { id: string; name: string | null }[] }).clinics
    const catalog = sampleCatalog()
    expect(named).toEqual(
      validInquiry().clinicIds.map((id) => ({
        id,
        name: catalog.clinics.find((c) => c.id === id)?.name,
      })),
    )
    expect(named.every((c) => typeof c.name === 'string' && c.name !== c.id)).toBe(true)
    const { body: pulled } = await pull({}, OLD_TOKEN)
    await ack({ acks: pulled.leads.map((l) => l.leaseId) }, OLD_TOKEN)
    const after = await postReceipt('', secretOf(receipt))
    const deliveries = (after.body as { deliveries: Record<string, unknown>[] }).deliveries
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]?.recipient).toMatch(/^token-[0-9a-f]{8}$/)
    expect(deliveries[0]?.acknowledgedAt).toEqual(expect.any(String))
    expect(JSON.stringify(after.body)).not.toContain(OLD_TOKEN)
  })

  it('names a clinic that has left the catalog by its id only, and still shows the request', async () => {
    const { id, receipt } = await send()
    await waitForLead(id)
    const smaller = sampleCatalog()
    smaller.clinics = smaller.clinics.filter((c) => c.id !== 'cedro-cancun')
    smaller.packages = smaller.packages.filter((p) => p.clinicId !== 'cedro-cancun')
    await seedCatalog(smaller)
    try {
      const { response, body } = await postReceipt('', secretOf(receipt))
      expect(response.status).toBe(200)
      expect((body as { clinics: unknown }).clinics).toEqual([
        { id: 'aurora-tijuana', name: expect.stringContaining('Aurora') },
        { id: 'cedro-cancun', name: null },
      ])
    } finally {
      await seedCatalog()
    }
  })

  it('logs each view as an access request', async () => {
    const { id, receipt } = await send()
    await waitForLead(id)
    await postReceipt('', secretOf(receipt))
    expect(
      await rowCount(
        "SELECT 1 FROM rights_requests WHERE inquiry_id = ?1 AND kind = 'access' AND via = 'receipt'",
        id,
      ),
    ).toBe(1)
  })

  it.each([
    [
      'a receipt with one character of its MAC changed',
      (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A'),
    ],
    ['another request’s id with this MAC', (s: string) => crypto.randomUUID() + s.slice(36)],
    ['a key version the keyring does not hold', (s: string) => s.replace('.v1.', '.v9.')],
    ['no secret at all', () => ''],
  ])('refuses %s with 404, and answers nothing about the request', async (_, alter) => {
    const { receipt } = await send()
    const { response, body } = await postReceipt('', alter(secretOf(receipt)))
    expect(response.status).toBe(404)
    expect(body).toMatchObject({ error: 'unknown_receipt' })
    expect(JSON.stringify(body)).not.toContain('Paula')
  })

  it('rate-limits a client that keeps posting receipts', async () => {
    await inOneLimiterWindow(5_000)
    const { receipt } = await send()
    const wrong = `${secretOf(receipt).slice(0, -2)}xx`
    let limited: Response | undefined
    for (let i = 0; i < 60 && !limited; i++) {
      const { response } = await postReceipt('', wrong, '203.0.113.77')
      if (response.status === 429) limited = response
    }
    if (!limited) throw new Error('the limiter never answered 429')
    expect(limited.headers.get('Retry-After')).toBe('60')
  }, 20_000)
})
