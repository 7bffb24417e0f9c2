import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unstable_readConfig } from 'wrangler'
import { CliError, UsageError } from './cli.ts'
import { ROOT } from './wrangler.ts'

export const WRANGLER_TOML = join(ROOT, 'wrangler.toml')

/** The id wrangler.toml carries until `npm run provision` writes the real one. */
export const PLACEHOLDER_ID = 'provision-me'

/** Environments the repository deploys; each has its own section in wrangler.toml. */
export const ENVIRONMENTS = ['staging', 'production'] as const

/** KV namespaces have no name in wrangler.toml; provision creates and finds them by this title. */
export function kvTitle(env: string): string {
  return `clinic-compare-catalog-${env}`
}

export interface EnvResources {
  kvId: string
  d1Name: string
  d1Id: string
  /** Every queue the environment produces to, consumes or dead-letters into. */
  queues: string[]
}

export function requireEnvironment(env: string | undefined): string {
  if (env === undefined || !(ENVIRONMENTS as readonly string[]).includes(env)) {
    throw new UsageError(`Name an environment: --env ${ENVIRONMENTS.join(' | ')}`)
  }
  return env
}

/** The parts of wrangler's resolved configuration provision and deploy read. */
interface DeclaredBindings {
  kv_namespaces: { binding: string; id?: string }[]
  d1_databases: { binding: string; database_name?: string; database_id?: string }[]
  queues: {
    producers?: { queue: string }[]
    consumers?: { queue: string; dead_letter_queue?: string }[]
  }
}

/** What wrangler.toml declares for an environment, read by wrangler's own parser. */
export function envResources(env: string, configPath = WRANGLER_TOML): EnvResources {
  const config: DeclaredBindings = unstable_readConfig({ config: configPath, env })
  const kv = config.kv_namespaces.find((k) => k.binding === 'CATALOG')
  const d1 = config.d1_databases.find((d) => d.binding === 'LEADS')
  if (!kv?.id || !d1?.database_name || !d1.database_id) {
    throw new CliError(`wrangler.toml has no CATALOG or LEADS binding in [env.${env}]`)
  }
  const queues = new Set<string>()
  for (const p of config.queues.producers ?? []) queues.add(p.queue)
  for (const c of config.queues.consumers ?? []) {
    queues.add(c.queue)
    if (c.dead_letter_queue) queues.add(c.dead_letter_queue)
  }
  return { kvId: kv.id, d1Name: d1.database_name, d1Id: d1.database_id, queues: [...queues] }
}

/**
 * Sets `field = "value"` in the first `[[env.ENV.TABLE]]` section of a
 * wrangler.toml text, leaving every other line (and comment) as it was.
 */
export function setEnvTableField(
  toml: string,
  env: string,
  table: 'kv_namespaces' | 'd1_databases',
  field: 'id' | 'database_id',
  value: string,
): string {
  const lines = toml.split('\n')
  const header = lines.findIndex((l) => l.trim() === `[[env.${env}.${table}]]`)
  if (header < 0) throw new CliError(`wrangler.toml has no [[env.${env}.${table}]] section`)
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (/^\s*\[/.test(line)) break
    if (new RegExp(`^\\s*${field}\\s*=`).test(line)) {
      lines[i] = `${field} = ${JSON.stringify(value)}`
      return lines.join('\n')
    }
  }
  throw new CliError(`[[env.${env}.${table}]] in wrangler.toml has no ${field}`)
}

/** Writes the environment's resource ids into wrangler.toml. */
export async function writeEnvIds(env: string, ids: { kvId: string; d1Id: string }): Promise<void> {
  let toml = await readFile(WRANGLER_TOML, 'utf8')
  toml = setEnvTableField(toml, env, 'kv_namespaces', 'id', ids.kvId)
  toml = setEnvTableField(toml, env, 'd1_databases', 'database_id', ids.d1Id)
  await writeFile(WRANGLER_TOML, toml)
}
