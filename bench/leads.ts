import { strict as assert } from 'node:assert'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DevServer, startDevServer } from '../scripts/lib/dev-server.ts'
import { runScript } from '../scripts/lib/run-script.ts'
import { standinFrameHeaders } from '../scripts/lib/turnstile-token.ts'
import { ROOT } from '../scripts/lib/wrangler.ts'
import { inquiryExample } from '../shared/openapi/examples.ts'

/**
 * `npm run bench:leads`: pull and ack latency against a real `npm start`,
 * and a CLI pull of 1,000 leads. Figures, not assertions on time; the checks
 * are about correctness (every lead once). Writes bench/leads-results.json.
 */
const server: DevServer = await startDevServer()
const token = (await server.devVars()).COORDINATOR_TOKENS?.split(',')[0] ?? ''

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
              ...standinFrameHeaders(server.url, 'demo'),
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
          assert.equal(response.status, 202)
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
  assert.equal(response.status, 200)
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

try {
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
    assert.equal(acked.body.acked, 10)
  }
  const empty: number[] = []

  const out = join(await mkdtemp(join(tmpdir(), 'cc-measure-')), 'leads.jsonl')
  const start = performance.now()
  const run = await runScript('leads.ts', ['pull', '--ack', '--out', out, '--batch', '100'], {
    CLINIC_COMPARE_URL: server.url,
    COORDINATOR_TOKEN: token,
  })
  const cliMs = performance.now() - start
  assert.equal(run.code, 0, run.stderr)
  const ids = (await readFile(out, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).id)
  assert.equal(ids.length, 1000)
  assert.equal(new Set(ids).size, 1000)
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
  await writeFile(join(ROOT, 'bench', 'leads-results.json'), JSON.stringify(figures, null, 2))
} finally {
  await server.stop()
}
