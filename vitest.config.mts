import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import { unstable_readConfig } from 'wrangler'
import { startTurnstileStandin } from './scripts/lib/turnstile-standin.ts'
import { TURNSTILE_TEST_SECRET_KEYS } from './shared/turnstile.ts'

const migrations = await readD1Migrations('./migrations')
// No route to Cloudflare: intake's siteverify calls go to the stand-in on loopback.
const turnstile = await startTurnstileStandin()

/** The Worker tests of queues, cron and retention, run again with each deployed environment. */
const DELIVERY_TESTS = [
  'test/worker/storage-outage.test.ts',
  'test/worker/queue-consumer.test.ts',
  'test/worker/dead-letters.test.ts',
  'test/worker/retention.test.ts',
]

/**
 * A workerd project with one environment of wrangler.toml (undefined: the
 * top level, as `npm start` runs it), its queue consumers' settings handed to
 * the tests as deployed, so they follow that environment's names and schedule.
 */
function workerProject(
  environment: 'staging' | 'production' | undefined,
  include: string[],
): TestProjectInlineConfiguration {
  const config = unstable_readConfig({ config: './wrangler.toml', env: environment })
  const queueConsumers = config.queues.consumers ?? []
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml', ...(environment ? { environment } : {}) },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_QUEUE_CONSUMERS: JSON.parse(JSON.stringify(queueConsumers)),
            // Test-only secrets; real ones come from .dev.vars or `wrangler secret put`.
            LEADS_KEY: 'v1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
            COORDINATOR_TOKENS:
              'test-token-new-0123456789abcdefghij,test-token-old-0123456789abcdefghij',
            TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRET_KEYS.alwaysPasses,
            TURNSTILE_VERIFY_URL: turnstile.verifyUrl,
          },
        },
      }),
    ],
    test: {
      name: environment ? `worker-${environment}` : 'worker',
      maxWorkers: 4,
      sequence: { groupOrder: 1 },
      include,
      setupFiles: ['test/worker/setup.ts'],
    },
  }
}

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Each project sets its own number of workers: node files three at a
    // time, then the workerd projects four at a time in a group of their own
    // (sequence.groupOrder); their files wait on queue batches and retries
    // (two at a time left the CPU 59 % busy and took 62 s; four, 86 % and
    // 45 s). This one is only the default for a project that sets none.
    maxWorkers: 2,
    projects: [
      workerProject(undefined, ['test/worker/**/*.test.ts']),
      workerProject('staging', DELIVERY_TESTS),
      workerProject('production', DELIVERY_TESTS),
      {
        test: {
          name: 'node',
          sequence: { groupOrder: 0 },
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // One process runs file after file (a new one per file cost about a
          // second each). Files keep their state to themselves: servers, browsers
          // and temp dirs are their own, and bench/server.ts gives back the env it sets.
          // The workerd projects stay isolated: their files take tables away.
          isolate: false,
          // A lead may wait for a queue retry or two (test/node/browser/helpers/leads.ts).
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own wrangler and, for the browser, Chromium. Two at
          // once lost leads while every server start rebuilt public/ and so reloaded
          // the others (test/node/rebuild-beside-server.test.ts); no longer. Two left
          // a fifth of the 2-core machine idle (files wait on queues, timeouts and
          // browsers); three keep it busy: the node files took 281 s, then 252 s.
          maxWorkers: 3,
        },
      },
    ],
  },
})
