import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/lib/wrangler.ts'
import { inquiryExample } from '../../shared/openapi/examples.ts'
import { type DevServer, startDevServer } from './helpers/dev-server.ts'
import { runScript } from './helpers/run.ts'

/**
 * Figures, not assertions on time: pull and ack latency against a real
 * `npm start`, and a CLI pull of 1,000 leads. Printed, and written to
 * test-results/leads-measure.json. The assertions are about correctness.
 * It sends 1,300 inquiries, so it runs only when asked:
 *   LEADS_MEASURE=1 npx vitest run test/node/leads-cli-measure.test.ts
 */
let server: DevServer
let token: string

beforeAll(async () => {
  if (!process.env.LEADS_MEASURE) return
  server = await startDevServer()
  token = (await server.devVars()).COORDINATOR_TOKENS?.split(',')[0] ?? ''
})
afterAll(() => server?.stop())

/** Intake answers sent back with 503 (queue busy) and retried with the same Idempotency-Key. */
let intakeRetries = 0

async function send(count: number): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++
        for (let attempt = 0; ; attempt++) {
          const response = await fetch(`${server.url}/v1/inquiries`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Origin: server.url,
              'Idempotency-Key': `measure-${i}`,
              'CF-Connecting-IP': `203.0.113.${Math.floor(i / 15) % 250}.${Math.floor(i / 3750)}`,
            },
            body: JSON.stringify(inquiryExample),
          })
          await response.text()
          if (response.status === 503 && attempt < 5) {
            intakeRetries++
            await new Promise((r) => setTimeout(r, 500))
            continue
          }
          expect(response.status).toBe(202)
          break
        }
      }
    }),
  )
}

async function post<T>(path: string, body: unknown): Promise<{ ms: number; body: T }> {
  const start = performance.now()
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  const parsed = (await response.json()) as T
  expect(response.status).toBe(200)
  return { ms: performance.now() - start, body: parsed }
}

type Leads = { leads: { id: string; leaseId: string }[] }

async function pendingCount(): Promise<number> {
  const leases: string[] = []
  for (;;) {
    const { body } = await post<Leads>('/v1/leads/pull', { batchSize: 100 })
    if (body.leads.length === 0) break
    leases.push(...body.leads.map((l) => l.leaseId))
  }
  for (let i = 0; i < leases.length; i += 100) {
    const retries = leases.slice(i, i + 100).map((leaseId) => ({ leaseId }))
    await post('/v1/leads/ack', { retries })
  }
  return leases.length
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return Number(
    (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1),
  )
}

describe.skipIf(!process.env.LEADS_MEASURE)('measured against npm start', () => {
  it('pull and ack latency, and a CLI pull of 1,000 leads', async () => {
    await send(1300)
    const deadline = Date.now() + 120_000
    for (let stored = await pendingCount(); stored < 1300; stored = await pendingCount()) {
      if (Date.now() > deadline) {
        throw new Error(`${stored} of 1,300 leads stored (${intakeRetries} intake 503s retried)`)
      }
      await new Promise((r) => setTimeout(r, 500))
    }

    const pulls: number[] = []
    const acks: number[] = []
    for (let i = 0; i < 30; i++) {
      const pulled = await post<Leads>('/v1/leads/pull', { batchSize: 10 })
      pulls.push(pulled.ms)
      const acked = await post<{ acked: number }>('/v1/leads/ack', {
        acks: pulled.body.leads.map((l) => l.leaseId),
      })
      acks.push(acked.ms)
      expect(acked.body.acked).toBe(10)
    }
    const empty: number[] = []

    const out = join(await mkdtemp(join(tmpdir(), 'cc-measure-')), 'leads.jsonl')
    const start = performance.now()
    const run = await runScript('leads.ts', ['pull', '--ack', '--out', out, '--batch', '100'], {
      CLINIC_COMPARE_URL: server.url,
      COORDINATOR_TOKEN: token,
    })
    const cliMs = performance.now() - start
    expect(run.code, run.stderr).toBe(0)
    const ids = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id)
    expect(ids).toHaveLength(1000)
    expect(new Set(ids).size).toBe(1000)
    for (let i = 0; i < 10; i++) empty.push((await post<Leads>('/v1/leads/pull', {})).ms)

    const figures = {
      pullBatch10Ms: { p50: percentile(pulls, 50), p95: percentile(pulls, 95) },
      ackBatch10Ms: { p50: percentile(acks, 50), p95: percentile(acks, 95) },
      emptyPullMs: { p50: percentile(empty, 50) },
      cliPull1000: {
        ms: Math.round(cliMs),
        leadsPerSecond: Math.round((1000 / cliMs) * 1000),
        batchSize: 100,
      },
      intakeRetriesWhileSeeding: intakeRetries,
    }
    console.log(
      `leads measurements (local workerd via npm start):\n${JSON.stringify(figures, null, 2)}`,
    )
    await mkdir(join(ROOT, 'test-results'), { recursive: true })
    await writeFile(
      join(ROOT, 'test-results', 'leads-measure.json'),
      JSON.stringify(figures, null, 2),
    )
  }, 300_000)
})
