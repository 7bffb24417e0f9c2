import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import sample from '../../../sample/catalog.json'
import { CatalogFile, type CatalogManifest, catalogKeys } from '../../../shared/schemas/catalog.ts'
import { forgetCatalog } from '../../../worker/catalog/snapshot.ts'

export function sampleCatalog(): CatalogFile {
  return v.parse(CatalogFile, structuredClone(sample))
}

/** Writes a catalog the way `catalog:publish` lays it out, and drops the isolate's copy. */
export async function seedCatalog(catalog: CatalogFile = sampleCatalog()): Promise<void> {
  const manifest: CatalogManifest = {
    publishedAt: '2026-11-01T00:00:00.000Z',
    clinics: catalog.clinics.map((c) => c.id),
    packages: catalog.packages.map((p) => p.id),
    partners: catalog.partners.map((p) => p.id),
  }
  await Promise.all([
    ...catalog.clinics.map((c) => env.CATALOG.put(catalogKeys.clinic(c.id), JSON.stringify(c))),
    ...catalog.packages.map((p) => env.CATALOG.put(catalogKeys.package(p.id), JSON.stringify(p))),
    ...catalog.partners.map((p) => env.CATALOG.put(catalogKeys.partner(p.id), JSON.stringify(p))),
  ])
  await env.CATALOG.put(catalogKeys.manifest, JSON.stringify(manifest))
  forgetCatalog(env.CATALOG)
}
