import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KV_BULK_GET_MAX_KEYS } from '../../shared/catalog/assemble.ts'
import { CATALOG_MAX, catalogKeys } from '../../shared/schemas/catalog.ts'
import { loadCatalog } from '../../worker/catalog/load.ts'
import { forgetCatalog } from '../../worker/catalog/snapshot.ts'
import { countingKv, maxCatalog, sampleCatalog, seedCatalog } from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'
import { postInquiry, validInquiry } from './helpers/inquiry.ts'
import { asCoordinator } from './helpers/leads.ts'

const NOW = Date.parse('2026-11-20T00:00:00Z')

/** Lists an extra key in the manifest, the way a hand edit would. */
async function addToManifest(collection: 'clinics' | 'partners', id: string): Promise<void> {
  const manifest = JSON.parse((await env.CATALOG.get(catalogKeys.manifest)) ?? '{}')
  manifest[collection].push(id)
  await env.CATALOG.put(catalogKeys.manifest, JSON.stringify(manifest))
  forgetCatalog(env.CATALOG)
}

afterEach(() => vi.restoreAllMocks())

describe('a record whose id differs from its key', () => {
  it('cannot take the place of the partner it was copied from', async () => {
    await seedCatalog()
    const [demo] = sampleCatalog().partners
    if (!demo) throw new Error('sample has partners')
    const copy = { ...demo, allowedOrigins: ['https://intruder.example'] }
    await env.CATALOG.put(catalogKeys.partner('demo-copy'), JSON.stringify(copy))
    await addToManifest('partners', 'demo-copy')
    const warn = vi.spyOn(console, 'warn')

    const catalog = await loadCatalog(env.CATALOG, NOW)
    expect(catalog.partners.get('demo')?.allowedOrigins).toEqual(demo.allowedOrigins)
    expect(catalog.partners.has('demo-copy')).toBe(false)
    expect(catalog.invalidRecords).toBe(1)
    const logged = warn.mock.calls.map(([line]) => String(line)).join('\n')
    expect(logged).toContain('"key":"partner:demo-copy"')
    expect(logged).toContain('id (differs from the key)')
    expect(logged).not.toContain('intruder.example')

    const intruder = await postInquiry(validInquiry(), { origin: 'https://intruder.example' })
    expect(intruder.status).toBe(403)
    const health = await json<{ catalog: { invalidRecords: number } }>(
      await call('/v1/health', asCoordinator),
    )
    expect(health.catalog.invalidRecords).toBe(1)
  })

  it('leaves a clinic out rather than replacing another', async () => {
    await seedCatalog()
    const [aurora] = sampleCatalog().clinics
    if (!aurora) throw new Error('sample has clinics')
    await env.CATALOG.put(
      catalogKeys.clinic('aurora-copy'),
      JSON.stringify({ ...aurora, name: 'Not Aurora' }),
    )
    await addToManifest('clinics', 'aurora-copy')
    const catalog = await loadCatalog(env.CATALOG, NOW)
    const auroras = catalog.clinics.filter((c) => c.id === 'aurora-tijuana')
    expect(auroras.map((c) => c.name)).toEqual([aurora.name])
    expect(catalog.clinics).toHaveLength(6)
    expect(catalog.invalidRecords).toBe(1)
  })
})

describe('loading the largest catalog the schema allows', () => {
  it('takes far fewer than 1,000 KV operations and serves every record', async () => {
    const catalog = maxCatalog()
    await seedCatalog(catalog)
    const counting = countingKv(env.CATALOG)

    const loaded = await loadCatalog(counting.kv, NOW)

    // The manifest, then one bulk read per 100 keys of each collection.
    const expected =
      1 +
      Math.ceil(CATALOG_MAX.clinics / KV_BULK_GET_MAX_KEYS) +
      Math.ceil(CATALOG_MAX.packages / KV_BULK_GET_MAX_KEYS) +
      Math.ceil(CATALOG_MAX.partners / KV_BULK_GET_MAX_KEYS) +
      Math.ceil(CATALOG_MAX.operators / KV_BULK_GET_MAX_KEYS) +
      Math.ceil(CATALOG_MAX.exchangeRates / KV_BULK_GET_MAX_KEYS)
    expect(counting.operations()).toBe(expected)
    expect(counting.operations()).toBeLessThan(100)
    expect(loaded.invalidRecords).toBe(0)
    expect(loaded.clinics).toHaveLength(CATALOG_MAX.clinics)
    expect(loaded.clinics.reduce((n, c) => n + c.packages.length, 0)).toBe(CATALOG_MAX.packages)
    expect(loaded.partners.size).toBe(CATALOG_MAX.partners)

    const response = await call('/v1/clinics')
    expect(response.status).toBe(200)
  }, 120_000)
})
