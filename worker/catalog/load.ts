import * as v from 'valibot'
import { clinicWarnings } from '../../shared/rules/warnings.ts'
import type { ClinicView } from '../../shared/schemas/api.ts'
import { CatalogManifest, catalogKeys } from '../../shared/schemas/catalog.ts'
import { Clinic } from '../../shared/schemas/clinic.ts'
import { Package } from '../../shared/schemas/package.ts'
import { Partner } from '../../shared/schemas/partner.ts'
import { logEvent } from '../http/log.ts'

export interface CatalogData {
  clinics: ClinicView[]
  partners: Map<string, Partner>
  updatedAt: string
  invalidRecords: number
}

const EMPTY_UPDATED_AT = new Date(0).toISOString()

/** Reads and validates one record; a bad one is logged by key and issue path only. */
async function readRecord<S extends v.GenericSchema>(
  kv: KVNamespace,
  key: string,
  schema: S,
): Promise<v.InferOutput<S> | undefined> {
  // A KV failure throws and fails the whole load; only bad content is skipped.
  const text = await kv.get(key)
  if (text === null) {
    logEvent('warn', 'catalog.missing_record', { key })
    return undefined
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    logEvent('warn', 'catalog.invalid_record', { key, issues: ['(not JSON)'] })
    return undefined
  }
  const result = v.safeParse(schema, raw)
  if (result.success) return result.output
  logEvent('warn', 'catalog.invalid_record', {
    key,
    issues: result.issues.map((issue) => v.getDotPath(issue) ?? '(root)'),
  })
  return undefined
}

function readAll<S extends v.GenericSchema>(
  kv: KVNamespace,
  ids: string[],
  key: (id: string) => string,
  schema: S,
) {
  return Promise.all(ids.map((id) => readRecord(kv, key(id), schema)))
}

/**
 * Loads the catalog the manifest describes. Records that are missing, not
 * JSON, or fail the schema are left out and counted; the rest are served.
 * Warning signs are computed at `now`: a licence turns stale on a day's
 * change, and the isolate re-reads the catalog every CATALOG_REFRESH_SECONDS.
 */
export async function loadCatalog(kv: KVNamespace, now: number): Promise<CatalogData> {
  const manifest = await readRecord(kv, catalogKeys.manifest, CatalogManifest)
  if (!manifest) {
    return { clinics: [], partners: new Map(), updatedAt: EMPTY_UPDATED_AT, invalidRecords: 0 }
  }
  const [clinics, packages, partners] = await Promise.all([
    readAll(kv, manifest.clinics, catalogKeys.clinic, Clinic),
    readAll(kv, manifest.packages, catalogKeys.package, Package),
    readAll(kv, manifest.partners, catalogKeys.partner, Partner),
  ])
  const invalidRecords = [...clinics, ...packages, ...partners].filter((r) => !r).length

  const views = new Map<string, ClinicView>()
  let updatedAt = manifest.publishedAt
  for (const clinic of clinics) {
    if (!clinic) continue
    views.set(clinic.id, { ...clinic, packages: [], warnings: clinicWarnings(clinic, now) })
    if (clinic.updatedAt > updatedAt) updatedAt = clinic.updatedAt
  }
  for (const pkg of packages) {
    if (pkg) views.get(pkg.clinicId)?.packages.push(pkg)
  }
  const partnerMap = new Map<string, Partner>()
  for (const partner of partners) if (partner) partnerMap.set(partner.id, partner)

  return { clinics: [...views.values()], partners: partnerMap, updatedAt, invalidRecords }
}
