import type { CatalogFile } from '../../shared/schemas/catalog.ts'
import type { CatalogDiff } from './catalog-diff.ts'

// The catalog history's rows (migrations/0007_catalog_history.sql) from a
// publish's diff. Pure: `catalog:publish` writes them with wrangler, the
// Worker tests insert them into their own D1.

export interface ChangeSet {
  id: string
  publishedAt: string
  operator: string
  reason: string | undefined
  /** "local" or the environment's name. */
  target: string
}

export interface ChangeRow {
  record: string
  recordId: string
  clinicId: string | null
  kind: 'added' | 'removed' | 'changed'
  field: string | null
  before: unknown
  after: unknown
}

/** A partner's token digests are kept out of the history: a digest of a weak token can be guessed back. */
const DIGEST_FIELD = /Sha256/

function recordValue(catalog: CatalogFile, record: string, id: string): unknown {
  const collections: Record<string, readonly { id: string }[]> = {
    clinic: catalog.clinics,
    package: catalog.packages,
    partner: catalog.partners,
    operator: catalog.operators,
    rate: catalog.exchangeRates,
  }
  return collections[record]?.find((r) => r.id === id)
}

function clinicOf(record: string, id: string, ...catalogs: CatalogFile[]): string | null {
  if (record === 'clinic') return id
  if (record !== 'package') return null
  for (const catalog of catalogs) {
    const pkg = catalog.packages.find((p) => p.id === id)
    if (pkg) return pkg.clinicId
  }
  return null
}

function redacted(record: string, field: string | null, value: unknown): unknown {
  if (record !== 'partner' || value === undefined) return value
  if (field !== null) return DIGEST_FIELD.test(field) ? '(digest not kept)' : value
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, DIGEST_FIELD.test(k) ? '(digest not kept)' : v]),
  )
}

/** One row per field changed, and one per record added or removed (with the whole record). */
export function changeRows(diff: CatalogDiff, live: CatalogFile, next: CatalogFile): ChangeRow[] {
  return diff.changes.flatMap((change): ChangeRow[] => {
    const base = {
      record: change.record,
      recordId: change.id,
      clinicId: clinicOf(change.record, change.id, next, live),
    }
    if (change.kind === 'changed') {
      return change.fields.map((f) => ({
        ...base,
        kind: 'changed',
        field: f.path,
        before: redacted(change.record, f.path, f.from),
        after: redacted(change.record, f.path, f.to),
      }))
    }
    const catalog = change.kind === 'added' ? next : live
    const whole = redacted(change.record, null, recordValue(catalog, change.record, change.id))
    return [
      {
        ...base,
        kind: change.kind,
        field: null,
        before: change.kind === 'removed' ? whole : undefined,
        after: change.kind === 'added' ? whole : undefined,
      },
    ]
  })
}

function literal(value: string | null | undefined): string {
  return value === null || value === undefined ? 'NULL' : `'${value.replaceAll("'", "''")}'`
}

function json(value: unknown): string {
  return value === undefined ? 'NULL' : literal(JSON.stringify(value))
}

/** The SQL statements that append one change set: its row first, then each change in order. */
export function changeSetStatements(set: ChangeSet, rows: ChangeRow[]): string[] {
  return [
    `INSERT INTO catalog_change_sets (id, published_at, operator, reason, target) VALUES (${[
      set.id,
      set.publishedAt,
      set.operator,
      set.reason,
      set.target,
    ]
      .map(literal)
      .join(', ')});`,
    ...rows.map(
      (r, seq) =>
        `INSERT INTO catalog_changes (change_set, seq, record, record_id, clinic_id, kind, field, before, after) VALUES (${[
          literal(set.id),
          String(seq),
          literal(r.record),
          literal(r.recordId),
          literal(r.clinicId),
          literal(r.kind),
          literal(r.field),
          json(r.before),
          json(r.after),
        ].join(', ')});`,
    ),
  ]
}
