import type { CatalogFile } from '../../shared/schemas/catalog.ts'

const COLLECTIONS = [
  ['clinics', 'clinic'],
  ['packages', 'package'],
  ['partners', 'partner'],
  ['operators', 'operator'],
  ['exchangeRates', 'rate'],
] as const

type Collection = (typeof COLLECTIONS)[number][0]

interface FieldChange {
  path: string
  from: unknown
  to: unknown
}

type RecordChange =
  | { kind: 'added' | 'removed'; record: string; id: string }
  | { kind: 'changed'; record: string; id: string; fields: FieldChange[] }

export interface CatalogDiff {
  changes: RecordChange[]
  /** Collections whose records keep their ids but change order (the API lists them in it). */
  reordered: Collection[]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Leaf-by-leaf differences; arrays are compared whole, as an operator reads them. */
function fieldChanges(from: unknown, to: unknown, path: string, out: FieldChange[]): void {
  if (isObject(from) && isObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])]
    for (const key of keys) fieldChanges(from[key], to[key], path ? `${path}.${key}` : key, out)
    return
  }
  if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ path, from, to })
}

/** What publishing `next` over `live` would add, change and remove, record by record. */
export function diffCatalogs(live: CatalogFile, next: CatalogFile): CatalogDiff {
  const changes: RecordChange[] = []
  const reordered: Collection[] = []
  for (const [collection, record] of COLLECTIONS) {
    const before = new Map<string, unknown>(live[collection].map((r) => [r.id, r]))
    const after = new Map<string, unknown>(next[collection].map((r) => [r.id, r]))
    for (const [id, value] of after) {
      if (!before.has(id)) {
        changes.push({ kind: 'added', record, id })
        continue
      }
      const fields: FieldChange[] = []
      fieldChanges(before.get(id), value, '', fields)
      if (fields.length > 0) changes.push({ kind: 'changed', record, id, fields })
    }
    for (const id of before.keys()) {
      if (!after.has(id)) changes.push({ kind: 'removed', record, id })
    }
    const keptBefore = [...before.keys()].filter((id) => after.has(id))
    const keptAfter = [...after.keys()].filter((id) => before.has(id))
    if (keptBefore.join('\n') !== keptAfter.join('\n')) reordered.push(collection)
  }
  return { changes, reordered }
}

export function hasDifferences(diff: CatalogDiff): boolean {
  return diff.changes.length > 0 || diff.reordered.length > 0
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value)
}

/** One line per added or removed record and per changed field: `clinic a: name "A" -> "B"`. */
export function formatDiff(diff: CatalogDiff): string[] {
  const lines: string[] = []
  for (const change of diff.changes) {
    const head = `${change.record} ${change.id}`
    if (change.kind !== 'changed') lines.push(`${head}: ${change.kind}`)
    else {
      for (const f of change.fields)
        lines.push(`${head}: ${f.path} ${show(f.from)} -> ${show(f.to)}`)
    }
  }
  for (const collection of diff.reordered) lines.push(`${collection}: order changes`)
  return lines
}

export function diffSummary(diff: CatalogDiff): string {
  const count = (kind: RecordChange['kind']) => diff.changes.filter((c) => c.kind === kind).length
  const order = diff.reordered.length > 0 ? `, order of ${diff.reordered.join(', ')} changes` : ''
  return `${count('added')} added, ${count('changed')} changed, ${count('removed')} removed${order}`
}
