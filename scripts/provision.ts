import { CliError, EXIT, parseOptions, runCli, UsageError } from './lib/cli.ts'
import {
  ENVIRONMENTS,
  envResources,
  kvTitle,
  PLACEHOLDER_ID,
  requireEnvironment,
  writeEnvIds,
} from './lib/environments.ts'
import { runWrangler, wranglerOrThrow } from './lib/wrangler.ts'

const usage = `Usage: npm run provision -- --env ${ENVIRONMENTS.join('|')}
Creates the environment's KV namespace, D1 database and queues where missing,
and writes their ids into wrangler.toml. Safe to run again.`

/** The JSON a wrangler listing printed, after any banner lines. */
function jsonAfterBanner<T>(stdout: string): T {
  const start = stdout.search(/^[[{]/m)
  if (start < 0) throw new CliError('wrangler printed no JSON')
  return JSON.parse(stdout.slice(start)) as T
}

async function ensureKv(env: string): Promise<string> {
  const title = kvTitle(env)
  const find = async () =>
    jsonAfterBanner<{ id: string; title: string }[]>(
      await wranglerOrThrow(['kv', 'namespace', 'list'], 'Listing KV namespaces'),
    ).find((n) => n.title === title)?.id
  const existing = await find()
  if (existing) {
    console.log(`KV namespace ${title}: exists (${existing})`)
    return existing
  }
  await wranglerOrThrow(['kv', 'namespace', 'create', title], `Creating KV namespace ${title}`)
  const created = await find()
  if (!created) throw new CliError(`KV namespace ${title} was created but is not listed`)
  console.log(`KV namespace ${title}: created (${created})`)
  return created
}

async function ensureD1(name: string): Promise<string> {
  const find = async () =>
    jsonAfterBanner<{ uuid: string; name: string }[]>(
      await wranglerOrThrow(['d1', 'list', '--json'], 'Listing D1 databases'),
    ).find((d) => d.name === name)?.uuid
  const existing = await find()
  if (existing) {
    console.log(`D1 database ${name}: exists (${existing})`)
    return existing
  }
  await wranglerOrThrow(['d1', 'create', name], `Creating D1 database ${name}`)
  const created = await find()
  if (!created) throw new CliError(`D1 database ${name} was created but is not listed`)
  console.log(`D1 database ${name}: created (${created})`)
  return created
}

async function ensureQueue(name: string): Promise<void> {
  const info = await runWrangler(['queues', 'info', name], { quiet: true })
  if (info.code === 0) {
    console.log(`Queue ${name}: exists`)
    return
  }
  await wranglerOrThrow(['queues', 'create', name], `Creating queue ${name}`)
  console.log(`Queue ${name}: created`)
}

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions({ env: { type: 'string' } })
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`)
    const env = requireEnvironment(values.env)
    const declared = envResources(env)
    const kvId = await ensureKv(env)
    const d1Id = await ensureD1(declared.d1Name)
    // The dead-letter queue first: a consumer naming a missing one is refused at deploy.
    for (const queue of [...declared.queues].reverse()) await ensureQueue(queue)

    for (const [what, declaredId, foundId] of [
      ['KV namespace', declared.kvId, kvId],
      ['D1 database', declared.d1Id, d1Id],
    ] as const) {
      if (declaredId !== PLACEHOLDER_ID && declaredId !== foundId) {
        throw new CliError(
          `wrangler.toml names ${what} ${declaredId} for ${env}, but the account's is ${foundId}; left as it is. Fix one of them by hand.`,
        )
      }
    }
    if (declared.kvId === kvId && declared.d1Id === d1Id) {
      console.log(`wrangler.toml already has the ids of ${env}.`)
    } else {
      await writeEnvIds(env, { kvId, d1Id })
      console.log(`Wrote the ids of ${env} into wrangler.toml; commit it.`)
    }
    return EXIT.ok
  },
  EXIT.error,
)
