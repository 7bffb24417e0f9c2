import autocannon, { type Request } from 'autocannon'
import { LOCAL_DEMO_API_KEY } from '../scripts/lib/local-demo-key.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { validInquiry } from './inquiry-body.ts'
import { FLOOR_PATH } from './server.ts'

/** `floor` is the contract's minimum for an inquiry, without our code (bench/floor-worker.ts). */
export const ENDPOINTS = ['healthz', 'clinics', 'inquiries', 'floor'] as const
export type Endpoint = (typeof ENDPOINTS)[number]

export interface RoundResult {
  endpoint: Endpoint
  round: number
  reqPerSec: number
  non2xx: number
  errors: number
  p50Ms: number
  p99Ms: number
}

export interface ThroughputOptions {
  url: string
  origin: string
  catalog: CatalogFile
  endpoints: Endpoint[]
  rounds: number
  secondsPerRound: number
  connections: number
  /** Runs after each round, e.g. to let the queue consumer catch up. */
  afterRound?: (endpoint: Endpoint) => Promise<void>
}

/** autocannon requests for one endpoint; inquiries get a fresh Idempotency-Key each. */
export function requestsFor(
  endpoint: Endpoint,
  options: Pick<ThroughputOptions, 'origin' | 'catalog'>,
  runId: string,
): Request[] {
  if (endpoint === 'healthz') return [{ method: 'GET', path: '/healthz' }]
  if (endpoint === 'clinics') return [{ method: 'GET', path: '/v1/clinics' }]
  // A handful of distinct valid bodies; each request gets its own key.
  const bodies = Array.from({ length: 16 }, (_, i) =>
    JSON.stringify(validInquiry(options.catalog, i)),
  )
  let n = 0
  return [
    {
      method: 'POST',
      path: endpoint === 'floor' ? FLOOR_PATH : '/v1/inquiries',
      setupRequest: (request) => {
        n += 1
        return {
          ...request,
          headers: {
            'Content-Type': 'application/json',
            // The partner's server's way in: the intake's own cost, without a
            // siteverify round trip to a stand-in that says nothing of Cloudflare's.
            Authorization: `Bearer ${LOCAL_DEMO_API_KEY}`,
            'Idempotency-Key': `bench-${runId}-${n}`,
          },
          body: bodies[n % bodies.length],
        }
      },
    },
  ]
}

async function warmUp(options: ThroughputOptions): Promise<void> {
  for (const endpoint of options.endpoints) {
    await autocannon({
      url: options.url,
      connections: options.connections,
      duration: 1,
      requests: requestsFor(endpoint, options, `warm-${endpoint}`),
    })
    await options.afterRound?.(endpoint)
  }
}

/**
 * Endpoints take turns, round after round, against the same server, so a
 * slow moment of the machine hits every endpoint alike. The order rotates
 * each round so no endpoint always follows the same one.
 */
export async function interleavedThroughput(options: ThroughputOptions): Promise<RoundResult[]> {
  await warmUp(options)
  const results: RoundResult[] = []
  for (let round = 0; round < options.rounds; round++) {
    const order = options.endpoints.map(
      (_, i) => options.endpoints[(i + round) % options.endpoints.length] as Endpoint,
    )
    for (const endpoint of order) {
      const result = await autocannon({
        url: options.url,
        connections: options.connections,
        duration: options.secondsPerRound,
        requests: requestsFor(endpoint, options, `r${round}-${endpoint}`),
      })
      results.push({
        endpoint,
        round,
        reqPerSec: result.requests.total / result.duration,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
      })
      await options.afterRound?.(endpoint)
    }
  }
  return results
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return 0
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
