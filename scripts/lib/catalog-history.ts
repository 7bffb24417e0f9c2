import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { CliError, type Target, wranglerTargetArgs } from './cli.ts'
import { type ChangeRow, type ChangeSet, changeSetStatements } from './history-sql.ts'
import { applyLocalMigrations } from './local-state.ts'
import type { ProcessResult } from './process.ts'
import { withTempDir } from './temp-dir.ts'
import { ROOT, runWrangler } from './wrangler.ts'

// The catalog history in the target's LEADS database (migrations/0006):
// `catalog:publish` appends to it, `catalog:history` reads it.

export function targetName(target: Target): string {
  return target.env ?? 'local'
}

/** What D1 answers a statement on local state its migrations have not reached. */
const NOT_MIGRATED = /no such table|no such column/

/**
 * Runs a D1 command. Local state may never have been started, or not since a
 * migration was added: then the migrations are applied (they are idempotent)
 * and the command runs once more. Trying first spares a wrangler process on
 * state that is up to date, as it nearly always is. A deployed database is
 * migrated by `npm run deploy`.
 */
async function runOnMigrated(target: Target, args: string[]): Promise<ProcessResult> {
  const first = await runWrangler(args, { quiet: target.local })
  if (!target.local || first.code === 0) return first
  if (!NOT_MIGRATED.test(first.stdout + first.stderr)) {
    process.stderr.write(first.stdout + first.stderr)
    return first
  }
  await applyLocalMigrations(target)
  return runWrangler(args)
}

/**
 * Appends one change set. When D1 refuses it after the catalog was
 * published, its SQL is kept in a file with the command that applies it,
 * so the history is never silently short of a publish.
 */
export async function appendChangeSet(
  target: Target,
  set: ChangeSet,
  rows: ChangeRow[],
): Promise<void> {
  const sql = `${changeSetStatements(set, rows).join('\n')}\n`
  await withTempDir('catalog-history-', async (dir) => {
    const file = join(dir, 'change-set.sql')
    await writeFile(file, sql)
    const args = ['d1', 'execute', 'LEADS', ...wranglerTargetArgs(target), '--yes', '--file', file]
    const result = await runOnMigrated(target, args)
    if (result.code === 0) return
    const kept = join(ROOT, `catalog-history-${set.id}.sql`)
    await writeFile(kept, sql)
    throw new CliError(
      `The catalog was published, but its change set could not be added to the history. ` +
        `It is kept in ${kept}; add it with: npx wrangler d1 execute LEADS ${wranglerTargetArgs(target).join(' ')} --yes --file ${kept}`,
    )
  })
}

const HistoryRow = v.object({
  id: v.string(),
  published_at: v.string(),
  operator: v.string(),
  reason: v.nullable(v.string()),
  target: v.string(),
  record: v.nullable(v.string()),
  record_id: v.nullable(v.string()),
  kind: v.nullable(v.string()),
  field: v.nullable(v.string()),
  before: v.nullable(v.string()),
  after: v.nullable(v.string()),
})

export type HistoryRow = v.InferOutput<typeof HistoryRow>

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** Change sets published since `since` (ISO), oldest first; with `clinic`, only those touching it, and only its rows. */
export async function readHistory(
  target: Target,
  options: { since: string; clinic?: string },
): Promise<HistoryRow[]> {
  const clinic = options.clinic === undefined ? undefined : literal(options.clinic)
  const rowFilter = clinic === undefined ? '' : ` AND c.clinic_id = ${clinic}`
  const setFilter =
    clinic === undefined
      ? ''
      : ` AND EXISTS (SELECT 1 FROM catalog_changes x WHERE x.change_set = s.id AND x.clinic_id = ${clinic})`
  const sql = `SELECT s.id, s.published_at, s.operator, s.reason, s.target, c.record, c.record_id, c.kind, c.field, c.before, c.after
FROM catalog_change_sets s LEFT JOIN catalog_changes c ON c.change_set = s.id${rowFilter}
WHERE s.published_at >= ${literal(options.since)}${setFilter}
ORDER BY s.published_at, s.id, c.seq`
  const args = ['d1', 'execute', 'LEADS', ...wranglerTargetArgs(target), '--json', '--command', sql]
  const result = await runOnMigrated(target, args)
  if (result.code !== 0)
    throw new CliError(`Reading the catalog history failed (wrangler exit ${result.code})`)
  const start = result.stdout.search(/^\[/m)
  if (start < 0) throw new CliError('wrangler d1 execute printed no JSON')
  const [answer] = v.parse(
    v.array(v.object({ results: v.array(v.unknown()) })),
    JSON.parse(result.stdout.slice(start)),
  )
  return (answer?.results ?? []).map((row) => v.parse(HistoryRow, row))
}

function show(json: string | null): string {
  return json === null ? '(none)' : json
}

/** One heading per change set (when, who, where, why), then its changes as catalog:diff prints them. */
export function formatHistory(rows: HistoryRow[]): string[] {
  const lines: string[] = []
  let current: string | undefined
  for (const row of rows) {
    if (row.id !== current) {
      current = row.id
      if (lines.length > 0) lines.push('')
      const why = row.reason === null ? '(no reason given)' : JSON.stringify(row.reason)
      lines.push(`${row.published_at}  ${row.operator}  ${row.target}  ${why}`)
    }
    if (row.record === null) continue
    const head = `  ${row.record} ${row.record_id}`
    if (row.kind === 'changed')
      lines.push(`${head}: ${row.field} ${show(row.before)} -> ${show(row.after)}`)
    else lines.push(`${head}: ${row.kind}`)
  }
  return lines
}
