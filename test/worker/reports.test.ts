import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { InquiryInput } from '../../shared/schemas/inquiry.ts'
import { call, json } from './helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'
import { ack, clearLeadStore, pull, TOKEN } from './helpers/leads.ts'
import { deliverInquiries, getReport, OTHER_PARTNER, seedReportCatalog } from './helpers/reports.ts'

beforeAll(() => seedReportCatalog())
beforeEach(clearLeadStore)

const at = (iso: string) => Date.parse(iso)
const NO_FLAGS = {
  preScreen: {
    activeInfection: 'no',
    uncontrolledSeizures: 'no',
    kidneyOrLiverProblems: 'no',
    geneticSyndrome: 'no',
  },
} as const satisfies Partial<InquiryInput>
const spring = { attribution: { source: 'newsletter', campaign: 'spring' } }
const autumn = { attribution: { campaign: 'autumn', page: '/blog/post' } }

let n = 0
const lead = (receivedAt: string, inquiry: Partial<InquiryInput> = {}) => ({
  id: `lead-${++n}`,
  receivedAt: at(receivedAt),
  inquiry,
})

/** Two partners, two campaigns and none, two days, and leads just outside the range. */
async function deliverSpread() {
  await deliverInquiries([
    lead('2026-02-28T23:59:59.999Z', spring),
    lead('2026-03-01T00:00:00.000Z', spring),
    lead('2026-03-01T09:00:00.000Z', spring),
    lead('2026-03-01T23:59:59.999Z', { ...spring, ...NO_FLAGS }),
    lead('2026-03-01T12:00:00.000Z', autumn),
    lead('2026-03-02T08:00:00.000Z', { ...autumn, ...NO_FLAGS }),
    lead('2026-03-02T18:00:00.000Z', autumn),
    lead('2026-03-02T10:00:00.000Z', NO_FLAGS),
    lead('2026-03-01T10:00:00.000Z', { partnerId: OTHER_PARTNER, ...spring }),
    lead('2026-03-02T10:00:00.000Z', { partnerId: OTHER_PARTNER, ...spring, ...NO_FLAGS }),
    lead('2026-03-03T00:00:00.000Z', spring),
  ])
}

const RANGE = 'since=2026-03-01&until=2026-03-02'

describe('GET /v1/reports/leads', () => {
  it('counts exactly per partner, campaign and UTC day within the range', async () => {
    await deliverSpread()
    const { status, body } = await getReport(
      `/v1/reports/leads?${RANGE}&by=partner,campaign,day`,
      TOKEN,
    )
    expect(status).toBe(200)
    expect(body.since).toBe('2026-03-01T00:00:00.000Z')
    expect(body.until).toBe('2026-03-03T00:00:00.000Z')
    const row = (partner: string, campaign: string | null, day: string, r: number) => ({
      partner,
      campaign,
      day,
      received: r,
      acknowledged: 0,
    })
    expect(body.rows).toEqual([
      row('blog-b', 'spring', '2026-03-01', 1),
      row('blog-b', 'spring', '2026-03-02', 1),
      row('demo', null, '2026-03-02', 1),
      row('demo', 'autumn', '2026-03-01', 1),
      row('demo', 'autumn', '2026-03-02', 2),
      row('demo', 'spring', '2026-03-01', 3),
    ])
    // No report carries a health flag, in any grouping.
    expect(JSON.stringify(body)).not.toMatch(/flag/i)
    expect(body.more).toBe(false)
  })

  it('groups per partner only by default, and per campaign when asked', async () => {
    await deliverSpread()
    const byPartner = await getReport(`/v1/reports/leads?${RANGE}`, TOKEN)
    expect(byPartner.body.rows).toEqual([
      { partner: 'blog-b', received: 2, acknowledged: 0 },
      { partner: 'demo', received: 7, acknowledged: 0 },
    ])
    const byCampaign = await getReport(`/v1/reports/leads?${RANGE}&by=campaign`, TOKEN)
    expect(byCampaign.body.rows.map((r) => [r.partner, r.campaign, r.received])).toEqual([
      ['blog-b', 'spring', 2],
      ['demo', null, 1],
      ['demo', 'autumn', 3],
      ['demo', 'spring', 3],
    ])
  })

  it('takes ages back from now', async () => {
    const now = Date.now()
    await deliverInquiries([
      { id: 'recent', receivedAt: now - 60_000 },
      { id: 'yesterday', receivedAt: now - 30 * 60 * 60 * 1000 },
      { id: 'old', receivedAt: now - 40 * 24 * 60 * 60 * 1000 },
    ])
    const received = async (query: string) =>
      (await getReport(`/v1/reports/leads?${query}`, TOKEN)).body.rows[0]?.received ?? 0
    expect(await received('since=1h')).toBe(1)
    expect(await received('since=2d')).toBe(2)
    expect(await received('')).toBe(2)
    expect(await received('since=60d&until=1d')).toBe(2)
  })

  it('counts a lead sent again with the same Idempotency-Key once', async () => {
    const body = validInquiry({ attribution: { campaign: 'retry-test' } })
    const ids = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const response = await postInquiry(body, { key: 'report-repeat-1' })
      expect(response.status).toBe(202)
      ids.add((await json<{ id: string }>(response)).id)
    }
    // Sent after the repeats: once it is stored, the repeats' messages were consumed too.
    const sentinel = await postInquiry(validInquiry(), { key: 'report-sentinel' })
    await waitForLead((await json<{ id: string }>(sentinel)).id)
    expect(ids.size).toBe(1)
    const { body: report } = await getReport('/v1/reports/leads?since=1h&by=campaign', TOKEN)
    expect(report.rows.map((r) => [r.campaign, r.received])).toEqual([
      [null, 1],
      ['retry-test', 1],
    ])
  })

  it('counts a lead as acknowledged once a coordinator acks it, and never leases one', async () => {
    await deliverInquiries([
      lead('2026-03-01T10:00:00Z'),
      lead('2026-03-01T11:00:00Z'),
      lead('2026-03-01T12:00:00Z'),
    ])
    const acknowledged = async () =>
      (await getReport(`/v1/reports/leads?${RANGE}`, TOKEN)).body.rows[0]?.acknowledged
    expect(await acknowledged()).toBe(0)
    const leases = await env.LEADS.prepare(
      'SELECT count(*) AS n FROM leads WHERE lease_id IS NOT NULL',
    ).first<number>('n')
    expect(leases).toBe(0)

    const pulled = await pull({ batchSize: 2 })
    expect(await acknowledged()).toBe(0)
    await ack({ acks: pulled.body.leads.map((l) => l.leaseId) })
    expect(await acknowledged()).toBe(2)
  })

  it('counts leads it could not decrypt: reports read only the clear columns', async () => {
    await deliverInquiries([lead('2026-03-01T10:00:00Z', spring)])
    await env.LEADS.prepare("UPDATE leads SET key_version = 'gone', ciphertext = 'AAAA'").run()
    const { body } = await getReport(`/v1/reports/leads?${RANGE}&by=campaign`, TOKEN)
    expect(body.rows).toEqual([
      { partner: 'demo', campaign: 'spring', received: 1, acknowledged: 0 },
    ])
  })

  it('answers 401 without a coordinator token', async () => {
    expect((await getReport('/v1/reports/leads', undefined)).status).toBe(401)
    expect((await getReport('/v1/reports/leads', 'not-a-token')).status).toBe(401)
  })

  it('is never cached and has no CORS', async () => {
    const response = await call('/v1/reports/leads', {
      headers: { Authorization: `Bearer ${TOKEN}`, Origin: 'https://elsewhere.example' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it.each([
    ['an age it cannot read', 'since=yesterday', ['since']],
    ['a date that does not exist', 'since=2026-02-30', ['since']],
    ['an end before the start', 'since=2026-03-02&until=2026-03-01', ['since']],
    ['a range over 400 days', 'since=2024-01-01&until=2026-01-01', ['since']],
    ['an unknown grouping', 'by=partner,clinic', ['by']],
    ['a grouping named twice', 'by=day,day', ['by']],
    ['an unknown parameter', 'format=csv', ['format']],
  ])('refuses %s with a 422 naming the parameter', async (_, query, paths) => {
    const { status, body } = await getReport(`/v1/reports/leads?${query}`, TOKEN)
    expect(status).toBe(422)
    const error = body as unknown as { error: string; issues: { path: string }[] }
    expect(error.error).toBe('invalid_report_query')
    expect([...new Set(error.issues.map((i) => i.path))]).toEqual(paths)
  })
})
