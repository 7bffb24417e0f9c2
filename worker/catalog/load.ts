import {
  assembleCatalog,
  bulkGetChunks,
  manifestRecordKeys,
  parseManifest,
  type RecordProblem,
} from '../../shared/catalog/assemble.ts'
import { isStaleRate } from '../../shared/rules/freshness.ts'
import { checkedFacts } from '../../shared/rules/provenance.ts'
import { clinicWarnings } from '../../shared/rules/warnings.ts'
import type { ClinicView } from '../../shared/schemas/api.ts'
import { catalogKeys } from '../../shared/schemas/catalog.ts'
import type { ExchangeRateView } from '../../shared/schemas/exchange-rate.ts'
import type { Partner } from '../../shared/schemas/partner.ts'
import { logEvent } from '../http/log.ts'

export interface CatalogData {
  clinics: ClinicView[]
  /** Flagged stale at load time, like the warning signs. */
  exchangeRates: ExchangeRateView[]
  partners: Map<string, Partner>
  updatedAt: string
  invalidRecords: number
}

const EMPTY_UPDATED_AT = new Date(0).toISOString()

/** A bad record is logged by key and issue path only: never a value. */
function logProblem(problem: RecordProblem): void {
  const event = problem.kind === 'missing' ? 'catalog.missing_record' : 'catalog.invalid_record'
  logEvent('warn', event, { key: problem.key, issues: problem.issues })
}

/** Reads keys in bulk reads of up to 100 keys each; one operation per read. */
async function readValues(kv: KVNamespace, keys: string[]): Promise<Map<string, string | null>> {
  const values = new Map<string, string | null>()
  const chunks = await Promise.all(bulkGetChunks(keys).map((chunk) => kv.get(chunk, 'text')))
  for (const chunk of chunks) for (const [key, value] of chunk) values.set(key, value)
  return values
}

/**
 * Loads the catalog the manifest describes in 1 + ceil(records / 100) KV
 * operations. Records that are missing, not JSON, fail the schema or carry
 * another key's id are left out and counted; the rest are served. A KV
 * failure throws and fails the whole load. Warning signs are computed at
 * `now`: the isolate re-reads the catalog every CATALOG_REFRESH_SECONDS, so a
 * licence turns stale on the day it should.
 */
export async function loadCatalog(kv: KVNamespace, now: number): Promise<CatalogData> {
  const parsed = parseManifest(await kv.get(catalogKeys.manifest))
  if (!parsed.ok) {
    if (parsed.problem.kind === 'invalid') logProblem(parsed.problem)
    return {
      clinics: [],
      exchangeRates: [],
      partners: new Map(),
      updatedAt: EMPTY_UPDATED_AT,
      invalidRecords: 0,
    }
  }
  const manifest = parsed.value
  const values = await readValues(kv, manifestRecordKeys(manifest))
  const { catalog, problems } = assembleCatalog(manifest, values)
  for (const problem of problems) logProblem(problem)

  const views = new Map<string, ClinicView>()
  let updatedAt = manifest.publishedAt
  for (const clinic of catalog.clinics) {
    const warnings = clinicWarnings(clinic, now)
    views.set(clinic.id, { ...clinic, packages: [], warnings, operators: [] })
    if (clinic.updatedAt > updatedAt) updatedAt = clinic.updatedAt
  }
  for (const pkg of catalog.packages) views.get(pkg.clinicId)?.packages.push(pkg)
  const operators = new Map(catalog.operators.map((o) => [o.id, o]))
  for (const view of views.values()) {
    const named = new Set(checkedFacts(view, view.packages).map((f) => f.provenance.checkedBy))
    // A record naming an operator the catalog dropped still serves; it names no one.
    view.operators = [...named].flatMap((id) => operators.get(id) ?? [])
  }
  const partners = new Map(catalog.partners.map((p) => [p.id, p]))
  const exchangeRates = catalog.exchangeRates.map((r) => ({
    ...r,
    stale: isStaleRate(r.date, now),
  }))

  return {
    clinics: [...views.values()],
    exchangeRates,
    partners,
    updatedAt,
    invalidRecords: problems.length,
  }
}
