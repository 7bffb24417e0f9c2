import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { unstable_readConfig } from 'wrangler'

const migrations = await readD1Migrations('./migrations')
// The queue consumers' settings as deployed, so tests follow wrangler.toml's delivery schedule.
const queueConsumers = unstable_readConfig({ config: './wrangler.toml' }).queues.consumers ?? []

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                TEST_QUEUE_CONSUMERS: JSON.parse(JSON.stringify(queueConsumers)),
                // Test-only secrets; real ones come from .dev.vars or `wrangler secret put`.
                LEADS_KEY: 'v1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
                COORDINATOR_TOKENS:
                  'test-token-new-0123456789abcdefghij,test-token-old-0123456789abcdefghij',
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/setup.ts'],
        },
      },
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // A lead may wait for a queue retry or two (test/node/browser/helpers/leads.ts).
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own wrangler and, for the browser, Chromium. Two at
          // once make the "answer lost, sent again" browser tests miss their lead
          // (4 of 6 runs, also with a dev registry per server and leads read through
          // the Worker; they pass alone): one at a time until that is understood.
          maxWorkers: 1,
        },
      },
    ],
  },
})
