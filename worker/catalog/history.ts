import * as v from 'valibot'
import {
  type ClinicHistory,
  type FieldChange,
  HISTORY_MAX_CHANGE_SETS,
} from '../../shared/schemas/history.ts'

// The change sets `catalog:publish` appends to D1 (migrations/0006), read
// for one clinic: its record's changes and its packages'. Who published and
// why stay with the operators (`catalog:history`); families see when and what.

const Row = v.object({
  set_id: v.string(),
  published_at: v.string(),
  record: v.picklist(['clinic', 'package']),
  record_id: v.string(),
  kind: v.picklist(['added', 'removed', 'changed']),
  field: v.nullable(v.string()),
  before: v.nullable(v.string()),
  after: v.nullable(v.string()),
})

const QUERY = `
WITH sets AS (
  SELECT s.id, s.published_at FROM catalog_change_sets s
  WHERE EXISTS (SELECT 1 FROM catalog_changes c WHERE c.change_set = s.id AND c.clinic_id = ?1)
  ORDER BY s.published_at DESC, s.id LIMIT ?2
)
SELECT sets.id AS set_id, sets.published_at, c.record, c.record_id, c.kind, c.field, c.before, c.after
FROM sets JOIN catalog_changes c ON c.change_set = sets.id AND c.clinic_id = ?1
ORDER BY sets.published_at DESC, sets.id, c.seq`

/** Stored values are JSON; a value that is not (written by hand) is shown as its text. */
function value(text: string | null): unknown {
  if (text === null) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A clinic's public history, newest change set first, at most HISTORY_MAX_CHANGE_SETS of them. */
export async function clinicHistory(db: D1Database, clinicId: string): Promise<ClinicHistory> {
  const { results } = await db.prepare(QUERY).bind(clinicId, HISTORY_MAX_CHANGE_SETS).all()
  const changeSets: ClinicHistory['changeSets'] = []
  let current: { id: string; entry: ClinicHistory['changeSets'][number] } | undefined
  for (const raw of results) {
    const row = v.parse(Row, raw)
    if (current?.id !== row.set_id) {
      current = { id: row.set_id, entry: { publishedAt: row.published_at, changes: [] } }
      changeSets.push(current.entry)
    }
    const change: FieldChange = { record: row.record, id: row.record_id, kind: row.kind }
    if (row.field !== null) change.field = row.field
    const before = value(row.before)
    const after = value(row.after)
    if (before !== undefined) change.before = before
    if (after !== undefined) change.after = after
    current.entry.changes.push(change)
  }
  return { clinicId, changeSets }
}
