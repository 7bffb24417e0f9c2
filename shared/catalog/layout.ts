import { type CatalogFile, type CatalogManifest, catalogKeys } from '../schemas/catalog.ts'

export interface KvEntry {
  key: string
  value: string
}

/**
 * A catalog as KV holds it, for `catalog:publish`, the bench and the tests
 * alike: one entry per record, and the manifest that makes them visible.
 * Writers put every record before the manifest, so a reader never sees a
 * half-published mix.
 */
export function catalogLayout(
  catalog: CatalogFile,
  publishedAt: string,
): { records: KvEntry[]; manifest: KvEntry } {
  const entry = (key: string, record: unknown): KvEntry => ({ key, value: JSON.stringify(record) })
  const manifest: CatalogManifest = {
    publishedAt,
    clinics: catalog.clinics.map((r) => r.id),
    packages: catalog.packages.map((r) => r.id),
    partners: catalog.partners.map((r) => r.id),
    operators: catalog.operators.map((r) => r.id),
    exchangeRates: catalog.exchangeRates.map((r) => r.id),
  }
  return {
    records: [
      ...catalog.clinics.map((r) => entry(catalogKeys.clinic(r.id), r)),
      ...catalog.packages.map((r) => entry(catalogKeys.package(r.id), r)),
      ...catalog.partners.map((r) => entry(catalogKeys.partner(r.id), r)),
      ...catalog.operators.map((r) => entry(catalogKeys.operator(r.id), r)),
      ...catalog.exchangeRates.map((r) => entry(catalogKeys.rate(r.id), r)),
    ],
    manifest: entry(catalogKeys.manifest, manifest),
  }
}
