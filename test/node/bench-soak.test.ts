import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BenchServer, startBenchServer } from '../../bench/server.ts'
import { runSoak } from '../../bench/soak.ts'
import { freePort } from '../../scripts/lib/free-port.ts'

let server: BenchServer

beforeAll(async () => {
  server = await startBenchServer(await freePort())
})
afterAll(() => server?.stop())

describe('the bench soak', () => {
  // A small one, with one competing thread: the full soak is `npm run bench`.
  it('sends again what it cut and finds every accepted inquiry once in the store', async () => {
    const { result, detail } = await runSoak(server.url, server.origin, server.catalog, server, {
      count: 140,
      concurrency: 10,
      competingThreads: 1,
      runId: `test-${Date.now()}`,
    })
    expect(result).toEqual({ sent: 140, accepted: 140, leads: 112, duplicates: 0, lost: 0 })
    expect(detail.distinctAcceptedIds).toBe(112)
    expect(detail.cut).toBeGreaterThan(0)
    expect(detail.repeatIdMismatches).toBe(0)
  })
})
