import * as v from 'valibot'
import { type CatalogFile, CatalogManifest, catalogKeys } from '../schemas/catalog.ts'
import { Clinic } from '../schemas/clinic.ts'
import { ExchangeRate } from '../schemas/exchange-rate.ts'
import { Package } from '../schemas/package.ts'
import { Partner } from '../schemas/partner.ts'
import { Operator } from '../schemas/provenance.ts'

/**
 * The most keys one bulk KV read may name. A bulk read counts as one of the
 * 1,000 operations a deployed Worker may make per invocation, so the loader
 * reads a catalog of any allowed size in 1 + ceil(records / 100) operations.
 */
export const KV_BULK_GET_MAX_KEYS = 100

/** A record left out of the catalog, by key; issues are schema paths, never values. */
export interface RecordProblem {
  key: string
  kind: 'missing' | 'invalid'
  issues: string[]
}

export interface AssembledCatalog {
  /** What the Worker serves, in the manifest's order; `catalog:check` accepts it. */
  catalog: CatalogFile
  problems: RecordProblem[]
  /** Packages whose clinic is not in the catalog: left out, not counted as invalid. */
  orphanPackages: string[]
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: RecordProblem }

/** Parses and validates one stored value. */
function parseRecord<S extends v.GenericSchema>(
  key: string,
  text: string | null | undefined,
  schema: S,
): Parsed<v.InferOutput<S>> {
  if (text === null || text === undefined) {
    return { ok: false, problem: { key, kind: 'missing', issues: [] } }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, problem: { key, kind: 'invalid', issues: ['(not JSON)'] } }
  }
  const result = v.safeParse(schema, raw)
  if (result.success) return { ok: true, value: result.output }
  const issues = result.issues.map((issue) => v.getDotPath(issue) ?? '(root)')
  return { ok: false, problem: { key, kind: 'invalid', issues } }
}

export function parseManifest(text: string | null | undefined): Parsed<CatalogManifest> {
  return parseRecord(catalogKeys.manifest, text, CatalogManifest)
}

/** Every record key the manifest lists, clinics first. */
export function manifestRecordKeys(manifest: CatalogManifest): string[] {
  return [
    ...manifest.clinics.map(catalogKeys.clinic),
    ...manifest.packages.map(catalogKeys.package),
    ...manifest.partners.map(catalogKeys.partner),
    ...manifest.operators.map(catalogKeys.operator),
    ...manifest.exchangeRates.map(catalogKeys.rate),
  ]
}

/** Splits keys into groups one bulk read can take. */
export function bulkGetChunks(keys: string[]): string[][] {
  const chunks: string[][] = []
  for (let i = 0; i < keys.length; i += KV_BULK_GET_MAX_KEYS) {
    chunks.push(keys.slice(i, i + KV_BULK_GET_MAX_KEYS))
  }
  return chunks
}

function collect<S extends v.GenericSchema<unknown, { id: string }>>(
  ids: string[],
  key: (id: string) => string,
  schema: S,
  values: ReadonlyMap<string, string | null>,
  problems: RecordProblem[],
): v.InferOutput<S>[] {
  const out: v.InferOutput<S>[] = []
  const seen = new Set<string>()
  for (const id of ids) {
    const k = key(id)
    if (seen.has(id)) {
      problems.push({ key: k, kind: 'invalid', issues: ['(listed twice in the manifest)'] })
      continue
    }
    seen.add(id)
    const parsed = parseRecord(k, values.get(k), schema)
    if (!parsed.ok) {
      problems.push(parsed.problem)
      continue
    }
    // A record copied to a new key keeps its old id; served, it would take
    // the place of the record it was copied from (a partner's origins included).
    if (parsed.value.id !== id) {
      problems.push({ key: k, kind: 'invalid', issues: ['id (differs from the key)'] })
      continue
    }
    out.push(parsed.value)
  }
  return out
}

/**
 * The catalog a manifest and the stored values describe, as the Worker
 * serves it and `catalog:export` writes it. Bad records are left out and
 * reported; they never take the others down.
 */
export function assembleCatalog(
  manifest: CatalogManifest,
  values: ReadonlyMap<string, string | null>,
): AssembledCatalog {
  const problems: RecordProblem[] = []
  const clinics = collect(manifest.clinics, catalogKeys.clinic, Clinic, values, problems)
  const allPackages = collect(manifest.packages, catalogKeys.package, Package, values, problems)
  const partners = collect(manifest.partners, catalogKeys.partner, Partner, values, problems)
  const operators = collect(manifest.operators, catalogKeys.operator, Operator, values, problems)
  const exchangeRates = collect(
    manifest.exchangeRates,
    catalogKeys.rate,
    ExchangeRate,
    values,
    problems,
  )
  const clinicIds = new Set(clinics.map((c) => c.id))
  const packages = allPackages.filter((p) => clinicIds.has(p.clinicId))
  const orphanPackages = allPackages.filter((p) => !clinicIds.has(p.clinicId)).map((p) => p.id)
  return {
    catalog: { clinics, packages, partners, operators, exchangeRates },
    problems,
    orphanPackages,
  }
}
