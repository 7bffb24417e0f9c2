import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import sample from '../../../sample/catalog.json'
import { catalogLayout } from '../../../shared/catalog/layout.ts'
import { CATALOG_MAX, CatalogFile } from '../../../shared/schemas/catalog.ts'
import { app } from '../../../worker/app.ts'
import { forgetCatalog } from '../../../worker/catalog/snapshot.ts'

/** The `demo` partner's API key in the tests' catalog, and its SHA-256 as the catalog keeps it. */
export const DEMO_API_KEY = 'test-api-key-demo-0123456789abcdef'
const DEMO_API_KEY_SHA256 = '2e8e70db06f2dba94977c2ea43f5ebeeb7a14625101f5f3a9249ea16975c1b1f'
/** A key the catalog gives `demo-inactive`: valid, but another partner's. */
export const OTHER_API_KEY = 'test-api-key-other-0123456789abcdef'
const OTHER_API_KEY_SHA256 = 'd4b9e87197e120b0c3be78ccdafb6f6c57d30b94b85ef4045984ee2e0f2a3afe'

/** The sample catalog, with API keys for its partners as the operator would add them. */
export function sampleCatalog(): CatalogFile {
  const catalog = v.parse(CatalogFile, structuredClone(sample))
  for (const partner of catalog.partners) {
    if (partner.id === 'demo') partner.apiKeySha256 = [DEMO_API_KEY_SHA256]
    if (partner.id === 'demo-inactive') partner.apiKeySha256 = [OTHER_API_KEY_SHA256]
  }
  return catalog
}

/** The catalog with every exchange rate dated `date`: fresh or stale whatever today is. */
export function ratesDated(catalog: CatalogFile, date: string): CatalogFile {
  for (const rate of catalog.exchangeRates) rate.date = date
  return catalog
}

/** Writes a catalog the way `catalog:publish` lays it out; the isolate keeps serving its copy. */
export async function publishCatalog(catalog: CatalogFile): Promise<void> {
  const { records, manifest } = catalogLayout(catalog, '2026-11-01T00:00:00.000Z')
  // Thousands of puts at once are far slower in local KV than batches of 100.
  for (let i = 0; i < records.length; i += 100) {
    await Promise.all(records.slice(i, i + 100).map((r) => env.CATALOG.put(r.key, r.value)))
  }
  await env.CATALOG.put(manifest.key, manifest.value)
}

/** Writes a catalog the way `catalog:publish` lays it out, and drops the isolate's copy. */
export async function seedCatalog(catalog: CatalogFile = sampleCatalog()): Promise<void> {
  await publishCatalog(catalog)
  forgetCatalog(env.CATALOG)
}

/**
 * Sends a request through the app with a catalog refresh interval of 1 ms,
 * so the isolate re-reads KV in the background as it would after
 * CATALOG_REFRESH_SECONDS, and waits for that refresh to finish.
 */
export async function callRefreshingCatalog(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext()
  const response = await app.fetch(
    new Request(`https://worker.test${path}`, init),
    { ...env, CATALOG_REFRESH_SECONDS: '0.001' },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return response
}

/**
 * The largest catalog the schema allows (CATALOG_MAX), made of copies of the
 * sample records under fresh ids.
 */
export function maxCatalog(): CatalogFile {
  const sample = sampleCatalog()
  const [clinic] = sample.clinics
  const [pkg] = sample.packages
  const [partner] = sample.partners
  const [rate] = sample.exchangeRates
  if (!clinic || !pkg || !partner || !rate) throw new Error('the sample catalog has records')
  const packagesPerClinic = CATALOG_MAX.packages / CATALOG_MAX.clinics
  const clinics = Array.from({ length: CATALOG_MAX.clinics }, (_, i) => ({
    ...structuredClone(clinic),
    id: `clinic-${i}`,
    name: `Clinic ${i} (sample)`,
  }))
  const packages = clinics.flatMap((c) =>
    Array.from({ length: packagesPerClinic }, (_, j) => ({
      ...structuredClone(pkg),
      id: `${c.id}-p${j}`,
      clinicId: c.id,
    })),
  )
  const partners = Array.from({ length: CATALOG_MAX.partners }, (_, i) => ({
    ...structuredClone(partner),
    id: `partner-${i}`,
  }))
  const operators = Array.from({ length: CATALOG_MAX.operators }, (_, i) => ({
    id: sample.operators[i]?.id ?? `op-${i}`,
    name: `Operator ${i} (sample)`,
  }))
  // One rate per pair: USD against made-up codes XAA, XAB, ...
  const exchangeRates = Array.from({ length: CATALOG_MAX.exchangeRates }, (_, i) => ({
    ...structuredClone(rate),
    id: `rate-${i}`,
    quote: `X${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
  }))
  return v.parse(CatalogFile, { clinics, packages, partners, operators, exchangeRates })
}

/** A KV binding that counts every call made on it, then forwards it to the real one. */
export function countingKv(kv: KVNamespace): { kv: KVNamespace; operations: () => number } {
  let operations = 0
  const counted = new Proxy(kv, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        operations += 1
        return Reflect.apply(value, target, args)
      }
    },
  })
  return { kv: counted, operations: () => operations }
}
