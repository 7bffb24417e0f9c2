import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { catalogLayout } from '../../shared/catalog/layout.ts'
import type { CatalogFile } from '../../shared/schemas/catalog.ts'
import { type Target, wranglerTargetArgs } from './cli.ts'
import { withTempDir } from './temp-dir.ts'
import { wranglerOrThrow } from './wrangler.ts'

function targetArgs(target: Target): string[] {
  return ['--binding', 'CATALOG', ...wranglerTargetArgs(target)]
}

/**
 * Writes a catalog into state nothing has written or reads yet (a fresh
 * `npm start`): records and manifest in one write. No reader can see a
 * half-written mix and nothing is stale, so a publish's order and clean-up
 * have nothing to guard.
 */
export async function seedCatalog(catalog: CatalogFile, target: Target): Promise<void> {
  const { records, manifest } = catalogLayout(catalog, new Date().toISOString())
  await withTempDir('catalog-seed-', async (dir) => {
    const file = join(dir, 'catalog.json')
    await writeFile(file, JSON.stringify([...records, manifest]))
    await wranglerOrThrow(['kv', 'bulk', 'put', file, ...targetArgs(target)], 'Writing the catalog')
  })
}

const RECORD_PREFIXES = ['clinic:', 'package:', 'partner:', 'operator:', 'rate:']

/**
 * Publishes a validated catalog: every record first, then the manifest that
 * makes them visible, then removes records the file no longer has. Readers
 * only serve what the manifest lists, so they never see a half-published mix.
 */
export async function publishCatalog(
  catalog: CatalogFile,
  target: Target,
): Promise<{ written: number; removed: number }> {
  const { records, manifest } = catalogLayout(catalog, new Date().toISOString())
  return withTempDir('catalog-publish-', async (dir) => {
    const recordsFile = join(dir, 'records.json')
    const manifestFile = join(dir, 'manifest.json')
    await writeFile(recordsFile, JSON.stringify(records))
    await writeFile(manifestFile, JSON.stringify([manifest]))
    await wranglerOrThrow(
      ['kv', 'bulk', 'put', recordsFile, ...targetArgs(target)],
      'Writing records',
    )
    await wranglerOrThrow(
      ['kv', 'bulk', 'put', manifestFile, ...targetArgs(target)],
      'Writing the manifest',
    )

    const listed = await wranglerOrThrow(
      ['kv', 'key', 'list', ...targetArgs(target)],
      'Listing keys',
    )
    const current = new Set(records.map((r) => r.key))
    const stale = (JSON.parse(listed) as { name: string }[])
      .map((k) => k.name)
      .filter((name) => RECORD_PREFIXES.some((p) => name.startsWith(p)) && !current.has(name))
    if (stale.length > 0) {
      const staleFile = join(dir, 'stale.json')
      await writeFile(staleFile, JSON.stringify(stale))
      await wranglerOrThrow(
        ['kv', 'bulk', 'delete', staleFile, '--force', ...targetArgs(target)],
        'Removing records no longer in the file',
      )
    }
    return { written: records.length + 1, removed: stale.length }
  })
}
