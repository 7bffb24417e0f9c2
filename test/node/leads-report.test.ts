import { createHash, randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../../scripts/lib/dev-server.ts'
import { sampleCatalogFor } from '../../scripts/lib/local-state.ts'
import { type RunResult, runScript } from '../../scripts/lib/run-script.ts'
import { standinFrameHeaders } from '../../scripts/lib/turnstile-token.ts'
import { inquiryExample } from '../../shared/openapi/examples.ts'
import type { InquiryInput } from '../../shared/schemas/inquiry.ts'
import type { PartnerReportResponse, ReportResponse } from '../../shared/schemas/reports.ts'

const OTHER = 'blog-b'
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')

let server: DevServer
let coordinatorToken: string
const demoToken = newToken()
const otherToken = newToken()

/** Gives the demo partner and a second partner report tokens, as an operator would: catalog:publish. */
async function publishPartnerTokens(): Promise<void> {
  const catalog = await sampleCatalogFor(server.port)
  const demo = catalog.partners.find((p) => p.id === 'demo')
  if (!demo) throw new Error('no demo partner in the sample catalog')
  demo.reportTokenSha256 = [sha256(demoToken)]
  catalog.partners.push({
    ...demo,
    id: OTHER,
    name: 'Blog B (sample)',
    reportTokenSha256: [sha256(otherToken)],
  })
  const file = join(server.persistDir, 'catalog-with-tokens.json')
  await writeFile(file, JSON.stringify(catalog))
  const publish = await runScript('catalog-publish.ts', [
    file,
    '--local',
    '--persist-to',
    server.persistDir,
    '--operator',
    'op-marta',
  ])
  expect(publish.code, publish.stderr).toBe(0)
  // Each isolate re-reads the catalog in the background: wait until the new partner is served.
  const deadline = Date.now() + 60_000
  while ((await fetch(`${server.url}/v1/partners/${OTHER}`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the published catalog was not served in time')
    await new Promise((r) => setTimeout(r, 250))
  }
}

let client = 0
async function send(
  attribution: InquiryInput['attribution'],
  key: string,
  partnerId = 'demo',
): Promise<string> {
  const response = await fetch(`${server.url}/v1/inquiries`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...standinFrameHeaders(server.url, partnerId),
      'CF-Connecting-IP': `198.51.100.${++client}`,
      'Idempotency-Key': key,
    },
    body: JSON.stringify({ ...inquiryExample, partnerId, attribution }),
  })
  expect(response.status, await response.clone().text()).toBe(202)
  return ((await response.json()) as { id: string }).id
}

/**
 * Waits until the consumer has stored every lead, asking the coordinators'
 * report (it counts without leasing). Reading the D1 file from a second
 * process instead would make the server's own writes retry (SQLITE_BUSY).
 */
async function waitStored(ids: string[]): Promise<void> {
  const deadline = Date.now() + 90_000
  for (;;) {
    const response = await fetch(`${server.url}/v1/reports/leads?since=1d&by=partner`, {
      headers: { Authorization: `Bearer ${coordinatorToken}` },
    })
    const { rows } = (await response.json()) as { rows: { received: number }[] }
    if (rows.reduce((n, row) => n + row.received, 0) === ids.length) return
    if (Date.now() > deadline) throw new Error('the leads were not stored in time')
    await new Promise((r) => setTimeout(r, 500))
  }
}

function leads(args: string[]): Promise<RunResult> {
  return runScript('leads.ts', args, {
    CLINIC_COMPARE_URL: server.url,
    COORDINATOR_TOKEN: coordinatorToken,
  })
}

async function partnerReport(id: string, token?: string): Promise<Response> {
  return fetch(`${server.url}/v1/partners/${id}/report?since=1d&by=campaign`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  })
}

beforeAll(async () => {
  server = await startDevServer({ vars: { CATALOG_REFRESH_SECONDS: '1' } })
  coordinatorToken = (await server.devVars()).COORDINATOR_TOKENS?.split(',')[0] ?? ''
  await publishPartnerTokens()
  const spring = { source: 'newsletter', medium: 'email', campaign: 'spring-newsletter' }
  const autumn = { campaign: 'autumn-post', page: '/blog/msc-clinics' }
  const ids = [
    await send(spring, 'spring-1'),
    await send(spring, 'spring-2'),
    await send(spring, 'spring-3'),
    // The widget's retry of the same submission: the same id, one lead.
    await send(spring, 'spring-3'),
    await send(autumn, 'autumn-1'),
    await send(autumn, 'autumn-2'),
    await send(undefined, 'none-1'),
    await send({ campaign: 'spring-newsletter' }, 'other-1', OTHER),
  ]
  expect(new Set(ids).size).toBe(7)
  // Sent last: once it is stored, the repeat's message before it was consumed too.
  const sentinel = await send({ campaign: 'sentinel' }, 'sentinel', OTHER)
  await waitStored([...new Set(ids), sentinel])
})
afterAll(() => server?.stop())

describe('npm run leads -- report against npm start', () => {
  it('counts two campaigns of the demo partner exactly (--format json)', async () => {
    const run = await leads([
      'report',
      '--since',
      '1d',
      '--by',
      'partner,campaign',
      '--format',
      'json',
    ])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as ReportResponse
    const row = (partner: string, campaign: string | null, n: number) => ({
      partner,
      campaign,
      received: n,
      acknowledged: 0,
    })
    // "sentinel" is no campaign the partner registered: it is kept as none.
    expect(report.rows).toEqual([
      row(OTHER, null, 1),
      row(OTHER, 'spring-newsletter', 1),
      row('demo', null, 1),
      row('demo', 'autumn-post', 2),
      row('demo', 'spring-newsletter', 3),
    ])
  })

  it('prints the same counts as a table by default, and as CSV', async () => {
    const table = await leads(['report', '--by', 'partner,campaign'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^demo\s+spring-newsletter\s+3\s+0$/m)
    expect(table.stdout).toMatch(/^demo\s+\(none\)\s+1\s+0$/m)
    expect(table.stdout).toMatch(/^total\s+8\s+0$/m)
    expect(table.stdout).not.toMatch(/flag/i)
    const csv = await leads(['report', '--by', 'campaign', '--format', 'csv'])
    expect(csv.stdout.split('\n')).toContain('demo,autumn-post,2,0')
    expect(csv.stdout.split('\n')[0]).toBe('partner,campaign,received,acknowledged')
  })

  it('refuses a since it cannot read, before asking the Worker', async () => {
    const run = await leads(['report', '--since', 'last-month'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--since')
    const format = await leads(['report', '--format', 'xml'])
    expect(format.code).toBe(2)
  })

  it("lets the demo partner's token read its own report and nobody else's", async () => {
    const own = await partnerReport('demo', demoToken)
    expect(own.status).toBe(200)
    const report = (await own.json()) as PartnerReportResponse
    // Only completed UTC days, and no cell under 5: today's six requests are not in it yet.
    expect(report.partner).toBe('demo')
    expect(Date.parse(report.until)).toBeLessThanOrEqual(Date.now())
    expect(report.until.endsWith('T00:00:00.000Z')).toBe(true)
    expect(report.rows).toEqual([])
    expect((await partnerReport(OTHER, demoToken)).status).toBe(403)
    expect((await partnerReport('demo', otherToken)).status).toBe(403)
    expect((await partnerReport('demo')).status).toBe(401)
    expect((await partnerReport('demo', coordinatorToken)).status).toBe(401)
    const other = (await (await partnerReport(OTHER, otherToken)).json()) as PartnerReportResponse
    expect(other.partner).toBe(OTHER)
  })

  it('counts leads as acknowledged once a coordinator pulled them with --ack', async () => {
    const out = join(server.persistDir, 'pulled.jsonl')
    const pull = await leads(['pull', '--ack', '--out', out])
    expect(pull.code, pull.stderr).toBe(0)
    const run = await leads(['report', '--since', '1d', '--format', 'json'])
    const report = JSON.parse(run.stdout) as ReportResponse
    expect(report.rows.map((r) => [r.partner, r.received, r.acknowledged])).toEqual([
      [OTHER, 2, 2],
      ['demo', 6, 6],
    ])
  })
})
