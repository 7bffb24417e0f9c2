import type { ClinicView } from '../../shared/schemas/api.ts'
import type { Partner } from '../../shared/schemas/partner.ts'
import { sha256Hex } from '../crypto/sha256.ts'
import { ApiError } from '../http/api-error.ts'
import { type CatalogData, loadCatalog } from './load.ts'

/** Default for CATALOG_REFRESH_SECONDS: how long an isolate serves its copy before re-reading KV. */
const DEFAULT_REFRESH_MS = 30_000

function refreshMs(setting: string | undefined): number {
  const seconds = Number(setting)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_REFRESH_MS
}

export interface CatalogSnapshot extends CatalogData {
  byId: Map<string, ClinicView>
  /**
   * Every origin some active partner allows. Built with the snapshot, so a
   * partner's new, removed or deactivated origin counts from its next load on.
   */
  partnerOrigins: ReadonlySet<string>
  /** Content hash of the whole catalog, the base of every ETag. */
  hash: string
  /** The unfiltered list, serialised once per snapshot. */
  allClinicsBody: string
  loadedAt: number
}

function activePartnerOrigins(partners: Iterable<Partner>): Set<string> {
  const origins = new Set<string>()
  for (const partner of partners) {
    if (partner.active) for (const origin of partner.allowedOrigins) origins.add(origin)
  }
  return origins
}

async function buildSnapshot(kv: KVNamespace): Promise<CatalogSnapshot> {
  const data = await loadCatalog(kv, Date.now())
  const allClinicsBody = JSON.stringify({
    clinics: data.clinics,
    updatedAt: data.updatedAt,
    exchangeRates: data.exchangeRates,
  })
  const partnerText = JSON.stringify([...data.partners.values()])
  return {
    ...data,
    byId: new Map(data.clinics.map((c) => [c.id, c])),
    partnerOrigins: activePartnerOrigins(data.partners.values()),
    // 96 bits name a snapshot well enough for an ETag.
    hash: (await sha256Hex(allClinicsBody + partnerText)).slice(0, 24),
    allClinicsBody,
    loadedAt: Date.now(),
  }
}

interface CacheEntry {
  snapshot?: CatalogSnapshot
  pending?: Promise<CatalogSnapshot>
}

// Per isolate, per namespace: KV reads are the slow part of every request.
const cache = new WeakMap<KVNamespace, CacheEntry>()

function refresh(kv: KVNamespace, entry: CacheEntry): Promise<CatalogSnapshot> {
  entry.pending ??= buildSnapshot(kv)
    .then((snapshot) => {
      entry.snapshot = snapshot
      return snapshot
    })
    .finally(() => {
      entry.pending = undefined
    })
  return entry.pending
}

/**
 * The catalog as this isolate last read it. A stale copy is served while a
 * fresh one loads in the background, so an operator's `kv key put` shows up
 * within CATALOG_REFRESH_SECONDS plus KV's own propagation.
 */
async function getCatalog(
  env: Pick<Env, 'CATALOG' | 'CATALOG_REFRESH_SECONDS'>,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<CatalogSnapshot> {
  const kv = env.CATALOG
  let entry = cache.get(kv)
  if (!entry) {
    entry = {}
    cache.set(kv, entry)
  }
  const { snapshot } = entry
  if (!snapshot) {
    return refresh(kv, entry).catch((cause: unknown) => {
      throw new ApiError('catalog_unavailable', 'The clinic catalog cannot be read right now.', {
        cause,
        headers: { 'Retry-After': '5' },
      })
    })
  }
  if (Date.now() - snapshot.loadedAt > refreshMs(env.CATALOG_REFRESH_SECONDS)) {
    waitUntil(refresh(kv, entry).catch(() => undefined))
  }
  return snapshot
}

/** Drops this isolate's copy, so a test reads the catalog it has just written. */
export function forgetCatalog(kv: KVNamespace): void {
  cache.delete(kv)
}

export function findPartner(snapshot: CatalogSnapshot, id: string): Partner | undefined {
  return snapshot.partners.get(id)
}

/** The catalog for a request, refreshing in the background past the request's end. */
export function catalogFor(c: {
  env: Env
  executionCtx: Pick<ExecutionContext, 'waitUntil'>
}): Promise<CatalogSnapshot> {
  return getCatalog(c.env, (p) => c.executionCtx.waitUntil(p))
}
