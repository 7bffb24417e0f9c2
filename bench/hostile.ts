import { LOCAL_DEMO_API_KEY } from '../scripts/lib/local-demo-key.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { expectation, hostileCases, withWayIn } from './hostile-cases.ts'
import { runPool, send } from './pool.ts'

export interface HostileResult {
  sent: number
  fiveXX: number
  wronglyAccepted: number
}

export interface HostileDetail {
  byKind: Record<string, { sent: number; statuses: Record<string, number> }>
  /** Answers other than the status the contract names (a refusal all the same). */
  otherStatus: number
  networkErrors: number
}

/** 10,000 malformed or hostile bodies; every one must be refused, none with a 5xx. */
export async function runHostile(
  url: string,
  origin: string,
  catalog: CatalogFile,
  count = 10_000,
  concurrency = 32,
): Promise<{ result: HostileResult; detail: HostileDetail }> {
  const cases = hostileCases({ catalog, origin }, count)
  const outcomes = await runPool(cases, concurrency, async (c, i) => {
    const sent = withWayIn(c, { apiKey: LOCAL_DEMO_API_KEY })
    const headers =
      i % 2 === 0 ? { ...sent.headers, 'Idempotency-Key': `hostile-${i}` } : sent.headers
    const { status } = await send(`${url}/v1/inquiries`, { method: 'POST', headers, body: c.body })
    return { kind: c.kind, status, expected: expectation(c, catalog, new URL(url).origin) }
  })
  const result: HostileResult = { sent: cases.length, fiveXX: 0, wronglyAccepted: 0 }
  const detail: HostileDetail = { byKind: {}, otherStatus: 0, networkErrors: 0 }
  for (const { kind, status, expected } of outcomes) {
    if (status >= 500) result.fiveXX += 1
    if (status === 202 && !expected.accept) result.wronglyAccepted += 1
    if (status === 0) detail.networkErrors += 1
    else if (status !== expected.status) detail.otherStatus += 1
    const entry = detail.byKind[kind] ?? { sent: 0, statuses: {} }
    detail.byKind[kind] = entry
    entry.sent += 1
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1
  }
  return { result, detail }
}
