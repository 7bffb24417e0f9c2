import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type AssembledCatalog,
  assembleCatalog,
  bulkGetChunks,
  manifestRecordKeys,
  parseManifest,
} from '../../shared/catalog/assemble.ts'
import { type CatalogManifest, catalogKeys } from '../../shared/schemas/catalog.ts'
import { CliError, type Target, wranglerTargetArgs } from './cli.ts'
import { withTempDir } from './temp-dir.ts'
import { wranglerOrThrow } from './wrangler.ts'

export interface LiveCatalog extends AssembledCatalog {
  /** Undefined before anything was published. */
  manifest: CatalogManifest | undefined
}

/**
 * Values of `wrangler kv bulk get`: local state prints {key: {value}}, the
 * REST API {key: value}. Anything before the JSON (a banner) is skipped.
 */
function parseBulkGetOutput(stdout: string): Map<string, string | null> {
  const start = stdout.search(/^\{/m)
  if (start < 0) throw new CliError('wrangler kv bulk get printed no JSON')
  const parsed = JSON.parse(stdout.slice(start)) as Record<string, unknown>
  const values = new Map<string, string | null>()
  for (const [key, entry] of Object.entries(parsed)) {
    const value =
      entry !== null && typeof entry === 'object' && 'value' in entry ? entry.value : entry
    values.set(key, typeof value === 'string' ? value : null)
  }
  return values
}

async function bulkGet(
  target: Target,
  keys: string[],
  dir: string,
): Promise<Map<string, string | null>> {
  const values = new Map<string, string | null>()
  // Deployed KV answers at most 100 keys per bulk read; local state takes any number.
  const chunks = target.local ? [keys] : bulkGetChunks(keys)
  for (const [index, chunk] of chunks.entries()) {
    if (chunk.length === 0) continue
    const file = join(dir, `keys-${index}.json`)
    await writeFile(file, JSON.stringify(chunk))
    const stdout = await wranglerOrThrow(
      ['kv', 'bulk', 'get', file, '--binding', 'CATALOG', ...wranglerTargetArgs(target)],
      'Reading the catalog',
    )
    for (const [key, value] of parseBulkGetOutput(stdout)) values.set(key, value)
  }
  return values
}

/** The catalog as the Worker serves it from the target, with what it leaves out. */
export async function readLiveCatalog(target: Target): Promise<LiveCatalog> {
  return withTempDir('catalog-read-', async (dir) => {
    const head = await bulkGet(target, [catalogKeys.manifest], dir)
    const manifest = parseManifest(head.get(catalogKeys.manifest))
    if (!manifest.ok) {
      if (manifest.problem.kind === 'invalid') {
        throw new CliError(`The manifest in KV is not valid: ${manifest.problem.issues.join(', ')}`)
      }
      const empty = { clinics: [], packages: [], partners: [], operators: [], exchangeRates: [] }
      return { manifest: undefined, catalog: empty, problems: [], orphanPackages: [] }
    }
    const values = await bulkGet(target, manifestRecordKeys(manifest.value), dir)
    return { manifest: manifest.value, ...assembleCatalog(manifest.value, values) }
  })
}

/** Prints what the Worker leaves out, by key; returns how many. */
export function reportLeftOut(live: AssembledCatalog): number {
  for (const { key, kind, issues } of live.problems) {
    console.error(`left out ${key}: ${kind}${issues.length ? ` (${issues.join(', ')})` : ''}`)
  }
  for (const id of live.orphanPackages) {
    console.error(`left out ${catalogKeys.package(id)}: its clinic is not in the catalog`)
  }
  return live.problems.length + live.orphanPackages.length
}
