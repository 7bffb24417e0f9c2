import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { CatalogFile } from '../../shared/schemas/catalog.ts'
import { LOCAL_DEMO_API_KEY } from './local-demo-key.ts'
import { publishCatalog } from './publish.ts'
import { ROOT, runWrangler } from './wrangler.ts'

export const SAMPLE_CATALOG = join(ROOT, 'sample', 'catalog.json')

/**
 * The sample catalog with the demo partners allowing this port's local
 * origins, and `demo` holding the local demo API key.
 */
export async function sampleCatalogFor(port: number): Promise<CatalogFile> {
  const catalog = v.parse(CatalogFile, JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')))
  for (const partner of catalog.partners) {
    if (partner.id.startsWith('demo')) {
      partner.allowedOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
    }
    if (partner.id === 'demo') {
      partner.apiKeySha256 = [createHash('sha256').update(LOCAL_DEMO_API_KEY).digest('hex')]
    }
  }
  return catalog
}

/** Seeds KV with the sample catalog and applies the D1 migrations. */
export async function seedLocalState(persistTo: string, port: number): Promise<void> {
  await publishCatalog(await sampleCatalogFor(port), { local: true, persistTo })
  const migrate = await runWrangler([
    'd1',
    'migrations',
    'apply',
    'LEADS',
    '--local',
    '--persist-to',
    persistTo,
  ])
  if (migrate.code !== 0) throw new Error('Applying the D1 migrations failed')
}
