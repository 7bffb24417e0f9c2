import * as v from 'valibot'
import { Clinic } from './clinic.ts'
import { IsoTimestamp } from './common.ts'
import { Package } from './package.ts'
import { Partner } from './partner.ts'

/**
 * The largest catalog the schema allows. The Worker's loader is tested at
 * this size against the deployed limit of 1,000 KV operations per invocation.
 */
export const CATALOG_MAX = { clinics: 500, packages: 5000, partners: 1000 } as const

/** The file operators check and publish: every record of the catalog at once. */
export const CatalogFile = v.object({
  clinics: v.pipe(v.array(Clinic), v.maxLength(CATALOG_MAX.clinics)),
  packages: v.pipe(v.array(Package), v.maxLength(CATALOG_MAX.packages)),
  partners: v.pipe(v.array(Partner), v.maxLength(CATALOG_MAX.partners)),
})

export interface CatalogProblem {
  path: string
  message: string
}

function idsOf(input: unknown, collection: string): (string | undefined)[] {
  const records = (input as Record<string, unknown> | null)?.[collection]
  if (!Array.isArray(records)) return []
  return records.map((r) => {
    const id = (r as { id?: unknown } | null)?.id
    return typeof id === 'string' ? id : undefined
  })
}

/**
 * Problems across records (repeated ids, packages of unknown clinics). They
 * are read from the raw input, so they are reported together with every
 * record-level problem instead of after those are fixed.
 */
function catalogReferenceProblems(input: unknown): CatalogProblem[] {
  const problems: CatalogProblem[] = []
  for (const collection of ['clinics', 'packages', 'partners']) {
    const seen = new Set<string>()
    idsOf(input, collection).forEach((id, index) => {
      if (id === undefined) return
      if (seen.has(id)) {
        problems.push({
          path: `${collection}.${index}`,
          message: `Duplicate ${collection.slice(0, -1)} id "${id}"`,
        })
      }
      seen.add(id)
    })
  }
  const clinicIds = new Set(idsOf(input, 'clinics'))
  const packages = (input as { packages?: unknown } | null)?.packages
  if (Array.isArray(packages)) {
    packages.forEach((pkg, index) => {
      const clinicId = (pkg as { clinicId?: unknown } | null)?.clinicId
      if (typeof clinicId === 'string' && !clinicIds.has(clinicId)) {
        problems.push({
          path: `packages.${index}.clinicId`,
          message: `No clinic with id "${clinicId}" in this file`,
        })
      }
    })
  }
  return [...problems, ...sharedReportTokenProblems(input)]
}

/** A report token given to two partners would let each read the other's counts. */
function sharedReportTokenProblems(input: unknown): CatalogProblem[] {
  const problems: CatalogProblem[] = []
  const owners = new Map<string, number>()
  const partners = (input as { partners?: unknown } | null)?.partners
  if (!Array.isArray(partners)) return problems
  partners.forEach((partner, index) => {
    const digests = (partner as { reportTokenSha256?: unknown } | null)?.reportTokenSha256
    if (!Array.isArray(digests)) return
    digests.forEach((digest, at) => {
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

/** Every problem of a catalog file, or the typed catalog. */
export function checkCatalog(
  input: unknown,
): { ok: true; catalog: CatalogFile } | { ok: false; problems: CatalogProblem[] } {
  const result = v.safeParse(CatalogFile, input)
  const problems = [
    ...(result.success
      ? []
      : result.issues.map((issue) => ({
          path: v.getDotPath(issue) ?? '(root)',
          message: issue.message,
        }))),
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
})

export type CatalogManifest = v.InferOutput<typeof CatalogManifest>

/** KV layout: one key per record, plus the manifest. */
export const catalogKeys = {
  manifest: 'manifest',
  clinic: (id: string) => `clinic:${id}`,
  package: (id: string) => `package:${id}`,
  partner: (id: string) => `partner:${id}`,
} as const
