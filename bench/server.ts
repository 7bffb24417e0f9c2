import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from 'wrangler'
import { sampleCatalogFor } from '../scripts/lib/local-state.ts'
import { startTurnstileStandin } from '../scripts/lib/turnstile-standin.ts'
import { ROOT, WRANGLER_ENV } from '../scripts/lib/wrangler.ts'
import { catalogLayout } from '../shared/catalog/layout.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { TURNSTILE_TEST_SECRET_KEYS } from '../shared/turnstile.ts'

/** The bench's own limit: high enough that it measures the intake path, not the limiter. */
export const BENCH_RATE_LIMIT = { limit: 1_000_000_000, period: 60 as const }

// Miniflare exactly as wrangler itself loads it, so the options wrangler
// derives from wrangler.toml match the Miniflare that reads them.
type MiniflareModule = typeof import('miniflare')
type WorkerOptions = import('miniflare').V4WorkerOptions
type RateLimits = WorkerOptions['ratelimits']
type QueueProducers = Record<string, { queueName: string }>
type QueueConsumers = Record<string, { maxBatchSize?: number; maxBatchTimeout?: number }>
type MiniflareOptions = import('miniflare').V4MiniflareOptions
type MiniflareInstance = InstanceType<MiniflareModule['Miniflare']>
type D1 = Awaited<ReturnType<MiniflareInstance['getD1Database']>>
type KV = Awaited<ReturnType<MiniflareInstance['getKVNamespace']>>
async function loadMiniflare(): Promise<MiniflareModule> {
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve('wrangler'))
  return (await import(pathToFileURL(fromWrangler.resolve('miniflare')).href)) as MiniflareModule
}

/** The Worker's API paths, which the bench measures. */
const API_ROUTES = ['127.0.0.1/healthz', '127.0.0.1/v1/*', '127.0.0.1/embed*']

/** Where the floor probe (`bench/floor-worker.ts`) answers, beside the Worker. */
export const FLOOR_PATH = '/bench-floor/inquiries'

export interface BenchServer {
  url: string
  origin: string
  catalog: CatalogFile
  /** Rows in `leads`, read through Miniflare's own D1 binding. */
  countLeads: () => Promise<number>
  leadIds: () => Promise<string[]>
  /** What the Worker logged, by level; the lines themselves are dropped. */
  logCounts: Record<string, number>
  /** The last few error lines, to explain a failure. */
  recentErrors: string[]
  stop: () => Promise<void>
}

async function bundleWorker(entry: string, define: Record<string, string>): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2024',
    define,
    write: false,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error('esbuild produced no Worker bundle')
  return file.text
}

async function applyMigrations(db: D1): Promise<void> {
  const dir = join(ROOT, 'migrations')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  for (const file of files) {
    const statements = unstable_splitSqlQuery(await readFile(join(dir, file), 'utf8'))
    await db.batch(statements.map((sql) => db.prepare(sql)))
  }
}

/** As `catalog:publish` writes it: records first, the manifest last. */
async function seedCatalog(kv: KV, catalog: CatalogFile): Promise<void> {
  const { records, manifest } = catalogLayout(catalog, new Date().toISOString())
  await Promise.all(records.map((r) => kv.put(r.key, r.value)))
  await kv.put(manifest.key, manifest.value)
}

/** Until the queue consumer has stored what was sent, so it does not load what is measured next. */
export async function waitForQueueQuiet(server: BenchServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = -1
  for (;;) {
    const count = await server.countLeads()
    if (count === last || Date.now() > deadline) return
    last = count
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

/**
 * The Worker on workerd through Miniflare's API: the bindings wrangler.toml
 * declares, ephemeral state (Miniflare's own temp dir, removed on stop), no
 * wrangler dev proxy and no per-request log lines.
 */
export async function startBenchServer(
  port: number,
  debug: {
    inspectorPort?: number
    /** Bundled in place of wrangler.toml's `main` (an instrument such as bench/steps-worker.ts). */
    entry?: string
  } = {},
): Promise<BenchServer> {
  // Fresh secrets for this run only; given through the environment so wrangler
  // finds the required ones, and set again on the bindings below so a
  // developer's .dev.vars never leaks into the bench.
  const secrets = {
    LEADS_KEY: `v1:${randomBytes(32).toString('base64')}`,
    COORDINATOR_TOKENS: randomBytes(32).toString('base64url'),
    TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRET_KEYS.alwaysPasses,
  }
  // No route to Cloudflare: siteverify is the local stand-in, as for npm start.
  const turnstile = await startTurnstileStandin()
  const given: Record<string, string> = { ...WRANGLER_ENV, ...secrets, WRANGLER_LOG: 'warn' }
  const before = Object.fromEntries(Object.keys(given).map((name) => [name, process.env[name]]))
  Object.assign(process.env, given)
  // A test file that starts the bench shares its process with the next ones (isolate: false).
  const restoreEnv = () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = await loadMiniflare()
  const { workerOptions, define, main, externalWorkers } = unstable_getMiniflareWorkerOptions(
    join(ROOT, 'wrangler.toml'),
  )
  if (!main) throw new Error('wrangler.toml has no main')
  const script = await bundleWorker(debug.entry ?? main, define)

  const logCounts: Record<string, number> = {}
  const recentErrors: string[] = []
  const { modulesRules: _rules, ...sourceless } = workerOptions
  const worker: WorkerOptions = {
    ...sourceless,
    name: 'clinic-compare',
    // The API is reached as the floor probe is, by route, straight to the Worker:
    // Miniflare sends a routed request past the asset router, and the floor
    // cannot be put behind one (docs/bench.md, "What the floor leaves out").
    // Everything else (the widget's files for the mobile section) still goes
    // through the router to the assets.
    routes: API_ROUTES,
    modules: [{ type: 'ESModule', path: join(ROOT, 'bench-worker.js'), contents: script }],
    bindings: {
      ...(workerOptions.bindings as WorkerOptions['bindings']),
      ...secrets,
      TURNSTILE_VERIFY_URL: turnstile.verifyUrl,
      TURNSTILE_SCRIPT_URL: turnstile.scriptUrl,
    },
    ratelimits: {
      ...(workerOptions.ratelimits as RateLimits),
      INQUIRY_LIMITER: { namespace_id: '1001', simple: BENCH_RATE_LIMIT },
      PARTNER_INQUIRY_LIMITER: { namespace_id: '2001', simple: BENCH_RATE_LIMIT },
    },
  }
  // The floor's consumer batches like the INQUIRIES consumer in wrangler.toml.
  const inquiriesQueue = (workerOptions.queueProducers as QueueProducers).INQUIRIES?.queueName
  const inquiriesConsumer = inquiriesQueue
    ? (workerOptions.queueConsumers as QueueConsumers)[inquiriesQueue]
    : undefined
  if (!inquiriesConsumer) throw new Error('wrangler.toml has no consumer for INQUIRIES')
  const floor: WorkerOptions = {
    name: 'bench-floor',
    compatibilityDate: worker.compatibilityDate,
    modules: [
      {
        type: 'ESModule',
        path: join(ROOT, 'bench-floor.js'),
        contents: await bundleWorker(join(ROOT, 'bench', 'floor-worker.ts'), {}),
      },
    ],
    routes: [`127.0.0.1${FLOOR_PATH}`],
    // The same asset router in front as the Worker has, sending the path straight to it.
    assets: worker.assets && {
      ...worker.assets,
      routerConfig: {
        has_user_worker: true,
        static_routing: { asset_worker: [], user_worker: [FLOOR_PATH] },
      },
    },
    ratelimits: { FLOOR_LIMITER: { namespace_id: '1002', simple: BENCH_RATE_LIMIT } },
    queueProducers: { FLOOR_QUEUE: { queueName: 'bench-floor' } },
    queueConsumers: {
      'bench-floor': {
        maxBatchSize: inquiriesConsumer.maxBatchSize,
        maxBatchTimeout: inquiriesConsumer.maxBatchTimeout,
        maxRetries: 0,
      },
    },
  }
  // State in memory where the machine offers it: local D1 and Queues write
  // SQLite files, and waiting on a shared disk is not a cost of our code.
  const stateDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cc-bench-'))
  const options = {
    resourcePersistencePath: stateDir,
    workers: [worker, floor, ...externalWorkers],
    host: '127.0.0.1',
    port,
    cf: false,
    logRequests: false,
    log: new Log(LogLevel.WARN),
    handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
      logCounts[level] = (logCounts[level] ?? 0) + 1
      if (level === 'error') {
        recentErrors.push(message.slice(0, 500))
        if (recentErrors.length > 5) recentErrors.shift()
      }
    },
    telemetry: { enabled: false },
    // Only `npm run bench:profile` opens the V8 inspector; it slows every request.
    ...(debug.inspectorPort ? { inspectorPort: debug.inspectorPort } : {}),
  }
  // TypeScript cannot pick the `workers` branch of Miniflare's option union
  // (index signatures on both branches); the shape is Miniflare's own.
  const mf = new Miniflare(convertV4MiniflareOptions(options as MiniflareOptions))
  const stop = async () => {
    restoreEnv()
    await mf.dispose()
    await turnstile.close()
    await rm(stateDir, { recursive: true, force: true })
  }
  try {
    const url = (await mf.ready).origin
    const db = await mf.getD1Database('LEADS')
    await applyMigrations(db)
    const catalog = await sampleCatalogFor(port)
    await seedCatalog(await mf.getKVNamespace('CATALOG'), catalog)
    return {
      url,
      origin: `http://127.0.0.1:${port}`,
      catalog,
      countLeads: async () =>
        Number(await db.prepare('SELECT COUNT(*) AS n FROM leads').first('n')),
      leadIds: async () => {
        const { results } = await db.prepare('SELECT id FROM leads').all<{ id: string }>()
        return results.map((r) => r.id)
      },
      logCounts,
      recentErrors,
      stop: () => stop(),
    }
  } catch (error) {
    await stop()
    throw error
  }
}
