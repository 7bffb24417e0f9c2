import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { CatalogFile } from '../../shared/schemas/catalog.ts'
import { PartnerOrigins } from '../../shared/schemas/partner.ts'
import { CliError, type Target, wranglerTargetArgs } from './cli.ts'
import { LOCAL_DEMO_API_KEY } from './local-demo-key.ts'
import { publishCatalog, seedCatalog } from './publish.ts'
import { withTempDir } from './temp-dir.ts'
import { ROOT, wranglerOrThrow } from './wrangler.ts'

export const SAMPLE_CATALOG = join(ROOT, 'sample', 'catalog.json')
const MIGRATIONS = join(ROOT, 'migrations')

/** The origins the demo partners allow unless told otherwise: the server's own. */
export function serverOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
}

/**
 * `PARTNER_ORIGINS` for `npm start`: the origins, separated by spaces or
 * commas, that the demo partners allow instead of the server's own (a
 * developer's local WordPress, a test's partner sites).
 */
export function parsePartnerOrigins(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const parsed = v.safeParse(PartnerOrigins, text.trim().split(/[\s,]+/))
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new CliError(`PARTNER_ORIGINS: ${String(issue.input)}: ${issue.message}`)
  }
  return parsed.output
}

/**
 * The sample catalog with the demo partners allowing `origins` (by default
 * the server's own), and `demo` holding the local demo API key.
 */
export async function sampleCatalogFor(
  port: number,
  origins: string[] = serverOrigins(port),
): Promise<CatalogFile> {
  const catalog = v.parse(CatalogFile, JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')))
  for (const partner of catalog.partners) {
    if (partner.id.startsWith('demo')) partner.allowedOrigins = [...origins]
    if (partner.id === 'demo') {
      partner.apiKeySha256 = [createHash('sha256').update(LOCAL_DEMO_API_KEY).digest('hex')]
    }
  }
  return catalog
}

/** State no command has written yet: its folder is missing or empty. */
async function isUnwritten(persistTo: string): Promise<boolean> {
  try {
    return (await readdir(persistTo)).length === 0
  } catch {
    return true
  }
}

/** Local state's D1 brought up to date by wrangler itself (idempotent; a workerd per migration). */
const MIGRATING = 'Applying the D1 migrations to local state'

export async function applyLocalMigrations(target: Target): Promise<void> {
  await wranglerOrThrow(
    ['d1', 'migrations', 'apply', 'LEADS', ...wranglerTargetArgs(target)],
    MIGRATING,
  )
}

/**
 * Applies every migration to fresh local D1 in one `wrangler d1 execute`:
 * the same SQL `wrangler d1 migrations apply` runs (its table, then each
 * migration followed by the row that records it), which it runs one
 * migration at a time with a workerd each, about 4 s of CPU against 1.
 * Wrangler's defaults for LEADS in wrangler.toml: `migrations_dir` and no
 * `migrations_table` (test/node/start.test.ts asks wrangler what is left).
 */
async function migrateFresh(persistTo: string): Promise<void> {
  const names = (await readdir(MIGRATIONS)).filter((name) => name.endsWith('.sql')).sort()
  const parts = [
    `CREATE TABLE IF NOT EXISTS "d1_migrations"(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`,
  ]
  for (const name of names) {
    parts.push(`${await readFile(join(MIGRATIONS, name), 'utf8')}
INSERT INTO "d1_migrations" (name)
values ('${name.replaceAll("'", "''")}');`)
  }
  await withTempDir('migrate-fresh-', async (dir) => {
    const file = join(dir, 'migrations.sql')
    await writeFile(file, parts.join('\n'))
    const target = wranglerTargetArgs({ local: true, persistTo })
    await wranglerOrThrow(['d1', 'execute', 'LEADS', ...target, '--yes', '--file', file], MIGRATING)
  })
}

/** Seeds KV with the sample catalog and applies the D1 migrations. */
export async function seedLocalState(
  persistTo: string,
  port: number,
  origins?: string[],
): Promise<void> {
  const catalog = await sampleCatalogFor(port, origins)
  const target = { local: true, persistTo }
  // Each wrangler call starts a process and a workerd (seconds on a busy
  // machine): fresh state takes the catalog in one write, not a publish's
  // three, and the migrations in one call, not one each.
  if (await isUnwritten(persistTo)) {
    await seedCatalog(catalog, target)
    await migrateFresh(persistTo)
    return
  }
  await publishCatalog(catalog, target)
  await applyLocalMigrations(target)
}
