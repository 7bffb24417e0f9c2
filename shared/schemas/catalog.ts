import * as v from 'valibot'
import { Clinic } from './clinic.ts'
import { IsoTimestamp } from './common.ts'
import { ExchangeRate } from './exchange-rate.ts'
import { Package } from './package.ts'
import { Partner } from './partner.ts'
import { Operator } from './provenance.ts'

/**
 * The largest catalog the schema allows. The Worker's loader is tested at
 * this size against the deployed limit of 1,000 KV operations per invocation.
 */
export const CATALOG_MAX = {
  clinics: 500,
  packages: 5000,
  partners: 1000,
  operators: 100,
  exchangeRates: 50,
} as const

/** The file operators check and publish: every record of the catalog at once. */
export const CatalogFile = v.object({
  clinics: v.pipe(v.array(Clinic), v.maxLength(CATALOG_MAX.clinics)),
  packages: v.pipe(v.array(Package), v.maxLength(CATALOG_MAX.packages)),
  partners: v.pipe(v.array(Partner), v.maxLength(CATALOG_MAX.partners)),
  /** Who may be named as having checked a fact (`provenance.checkedBy`). */
  operators: v.pipe(v.array(Operator), v.maxLength(CATALOG_MAX.operators)),
  /** Rates the widget and the budget filter convert prices with. */
  exchangeRates: v.pipe(v.array(ExchangeRate), v.maxLength(CATALOG_MAX.exchangeRates)),
})

/** The collections of a catalog, each a list of records with an `id`. */
const COLLECTIONS = ['clinics', 'packages', 'partners', 'operators', 'exchangeRates'] as const

export interface CatalogProblem {
  path: string
  message: string
}

// The cross-record checks read the raw input, so they are reported with
// every record-level problem. These read it without assuming its shape.

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.getOwnPropertyDescriptor(value, key)?.value
    : undefined
}

function list(value: unknown, key: string): unknown[] {
  const items = field(value, key)
  return Array.isArray(items) ? items : []
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key)
  return typeof found === 'string' ? found : undefined
}

function idsOf(input: unknown, collection: string): (string | undefined)[] {
  return list(input, collection).map((record) => stringField(record, 'id'))
}

/** Repeated ids, and packages of clinics the file does not have. */
function catalogReferenceProblems(input: unknown): CatalogProblem[] {
  const problems: CatalogProblem[] = []
  for (const collection of COLLECTIONS) {
    const seen = new Set<string>()
    idsOf(input, collection).forEach((id, index) => {
      if (id === undefined) return
      if (seen.has(id)) {
        problems.push({
          path: `${collection}.${index}`,
          message: `Duplicate ${collection.replace(/s$/, '')} id "${id}"`,
        })
      }
      seen.add(id)
    })
  }
  const clinicIds = new Set(idsOf(input, 'clinics'))
  list(input, 'packages').forEach((pkg, index) => {
    const clinicId = stringField(pkg, 'clinicId')
    if (clinicId !== undefined && !clinicIds.has(clinicId)) {
      problems.push({
        path: `packages.${index}.clinicId`,
        message: `No clinic with id "${clinicId}" in this file`,
      })
    }
  })
  return [
    ...problems,
    ...sharedReportTokenProblems(input),
    ...checkerProblems(input),
    ...ratePairProblems(input),
  ]
}

/** Two rates for one pair of currencies would leave it open which one a price is shown at. */
function ratePairProblems(input: unknown): CatalogProblem[] {
  const seen = new Map<string, number>()
  const problems: CatalogProblem[] = []
  list(input, 'exchangeRates').forEach((rate, index) => {
    const base = stringField(rate, 'base')
    const quote = stringField(rate, 'quote')
    if (base === undefined || quote === undefined) return
    const pair = [base, quote].sort().join('/')
    const first = seen.get(pair)
    if (first !== undefined) {
      problems.push({
        path: `exchangeRates.${index}`,
        message: `A second rate between ${base} and ${quote}; exchangeRates.${first} is the first`,
      })
    } else seen.set(pair, index)
  })
  return problems
}

/** A report token given to two partners would let each read the other's counts. */
function sharedReportTokenProblems(input: unknown): CatalogProblem[] {
  const problems: CatalogProblem[] = []
  const owners = new Map<string, number>()
  list(input, 'partners').forEach((partner, index) => {
    list(partner, 'reportTokenSha256').forEach((digest, at) => {
      if (typeof digest !== 'string') return
      const owner = owners.get(digest)
      if (owner !== undefined && owner !== index) {
        problems.push({
          path: `partners.${index}.reportTokenSha256.${at}`,
          message: `The same report token is also given to partners.${owner}`,
        })
      }
      owners.set(digest, owner ?? index)
    })
  })
  return problems
}

/** Every `provenance` in the input with its path, wherever a fact carries one. */
function provenances(value: unknown, path: string, out: [string, unknown][]): void {
  if (typeof value !== 'object' || value === null) return
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    if (key === 'provenance') out.push([at, child])
    else provenances(child, at, out)
  }
}

/** A fact checked by someone the catalog does not list names no one a family can know. */
function checkerProblems(input: unknown): CatalogProblem[] {
  const operators = new Set(idsOf(input, 'operators'))
  const found: [string, unknown][] = []
  for (const collection of ['clinics', 'packages', 'exchangeRates'] as const) {
    provenances(list(input, collection), collection, found)
  }
  return found.flatMap(([path, provenance]) => {
    const by = stringField(provenance, 'checkedBy')
    if (by === undefined || operators.has(by)) return []
    return [{ path: `${path}.checkedBy`, message: `No operator with id "${by}" in this file` }]
  })
}

/** A verified fact without its provenance says where and what is missing, not only "Invalid key". */
function problemOf(issue: v.BaseIssue<unknown>): CatalogProblem {
  const path = v.getDotPath(issue) ?? '(root)'
  if (issue.kind === 'schema' && issue.expected === '"provenance"' && issue.input === undefined) {
    return {
      path,
      message:
        'This verified fact has no provenance: add how it was checked (method), the evidence (evidenceSha256), who (checkedBy) and when (checkedAt)',
    }
  }
  return { path, message: issue.message }
}

/** Every problem of a catalog file, or the typed catalog. */
export function checkCatalog(
  input: unknown,
): { ok: true; catalog: CatalogFile } | { ok: false; problems: CatalogProblem[] } {
  const result = v.safeParse(CatalogFile, input)
  const problems = [
    ...(result.success ? [] : result.issues.map(problemOf)),
    ...catalogReferenceProblems(input),
  ]
  if (result.success && problems.length === 0) return { ok: true, catalog: result.output }
  return { ok: false, problems }
}

export type CatalogFile = v.InferOutput<typeof CatalogFile>

/**
 * The manifest is written last on publish. Readers only serve the records it
 * lists, so a reader never mixes a half-written catalog with a removed one.
 */
export const CatalogManifest = v.object({
  publishedAt: IsoTimestamp,
  clinics: v.array(v.string()),
  packages: v.array(v.string()),
  partners: v.array(v.string()),
  /** Absent in manifests published before operators were listed. */
  operators: v.optional(v.array(v.string()), []),
  exchangeRates: v.optional(v.array(v.string()), []),
})

export type CatalogManifest = v.InferOutput<typeof CatalogManifest>

/** KV layout: one key per record, plus the manifest. */
export const catalogKeys = {
  manifest: 'manifest',
  clinic: (id: string) => `clinic:${id}`,
  package: (id: string) => `package:${id}`,
  partner: (id: string) => `partner:${id}`,
  operator: (id: string) => `operator:${id}`,
  rate: (id: string) => `rate:${id}`,
} as const
