import { beforeEach, describe, expect, it } from 'vitest'
import type { PartnerReportResponse } from '../../shared/schemas/reports.ts'
import { call, json } from './helpers/http.ts'
import { clearLeadStore } from './helpers/leads.ts'
import {
  deliverInquiries,
  getReport as getAnyReport,
  OTHER_PARTNER,
  seedReportCatalog,
} from './helpers/reports.ts'

const getReport = (path: string, token: string | undefined) =>
  getAnyReport<PartnerReportResponse>(path, token)

const DEMO_TOKEN = 'demo-report-token-new'
const DEMO_OLD_TOKEN = 'demo-report-token-old'
const OTHER_TOKEN = 'blog-b-report-token'
const RANGE = 'since=2026-03-01&until=2026-03-02'

const at = (iso: string) => Date.parse(iso)
const PREFIX = 'p'
let n = 0
/** `count` leads for one partner on one day, with an optional campaign. */
function leads(
  count: number,
  day: string,
  options: { campaign?: string; partnerId?: string } = {},
) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${PREFIX}-${++n}`,
    receivedAt: at(`${day}T${String(8 + (i % 12)).padStart(2, '0')}:00:00Z`),
    inquiry: {
      ...(options.partnerId ? { partnerId: options.partnerId } : {}),
      ...(options.campaign ? { attribution: { campaign: options.campaign } } : {}),
    },
  }))
}

beforeEach(async () => {
  await clearLeadStore()
  await seedReportCatalog({ demo: [DEMO_TOKEN, DEMO_OLD_TOKEN], [OTHER_PARTNER]: [OTHER_TOKEN] })
  await deliverInquiries([
    ...leads(6, '2026-03-01', { campaign: 'spring' }),
    ...leads(2, '2026-03-01'),
    ...leads(5, '2026-03-02', { campaign: 'spring' }),
    ...leads(5, '2026-03-02'),
    ...leads(7, '2026-03-01', { partnerId: OTHER_PARTNER, campaign: 'spring' }),
  ])
})

describe('GET /v1/partners/:id/report', () => {
  it('answers a partner its own counts only: received, nothing else per row', async () => {
    const { status, body } = await getReport(
      `/v1/partners/demo/report?${RANGE}&by=campaign`,
      DEMO_TOKEN,
    )
    expect(status).toBe(200)
    expect(body).toEqual({
      partner: 'demo',
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-03T00:00:00.000Z',
      by: ['campaign'],
      minimumCount: 5,
      // 2026-03-01 without a campaign (2 leads) is under 5: left out before summing.
      rows: [
        { campaign: null, received: 5 },
        { campaign: 'spring', received: 11 },
      ],
      more: false,
    })
    const other = await getReport(`/v1/partners/${OTHER_PARTNER}/report?${RANGE}`, OTHER_TOKEN)
    expect(other.body.rows).toEqual([{ received: 7 }])
  })

  it('groups by day from the same cells, so no grouping brings back a count under 5', async () => {
    const byDay = await getReport(`/v1/partners/demo/report?${RANGE}&by=day`, DEMO_TOKEN)
    expect(byDay.body.rows).toEqual([
      { day: '2026-03-01', received: 6 },
      { day: '2026-03-02', received: 10 },
    ])
    const total = await getReport(`/v1/partners/demo/report?${RANGE}`, DEMO_TOKEN)
    expect(total.body.rows).toEqual([{ received: 16 }])
    const cells = await getReport(`/v1/partners/demo/report?${RANGE}&by=campaign,day`, DEMO_TOKEN)
    const sum = cells.body.rows.reduce((s, r) => s + r.received, 0)
    expect(sum).toBe(16)
    expect(Math.min(...cells.body.rows.map((r) => r.received))).toBeGreaterThanOrEqual(5)
  })

  it('never narrows to a moment: a two-second window is widened to its whole UTC day', async () => {
    const moment = 'since=2026-03-02T08:00:00Z&until=2026-03-02T08:00:02Z&by=campaign'
    const { body } = await getReport(`/v1/partners/demo/report?${moment}`, DEMO_TOKEN)
    expect(body.since).toBe('2026-03-02T00:00:00.000Z')
    expect(body.until).toBe('2026-03-03T00:00:00.000Z')
    expect(body.rows).toEqual([
      { campaign: null, received: 5 },
      { campaign: 'spring', received: 5 },
    ])
  })

  it('counts only completed days: today is never in a partner report', async () => {
    await deliverInquiries(leads(9, new Date().toISOString().slice(0, 10), { campaign: 'spring' }))
    const { body } = await getReport('/v1/partners/demo/report?since=1d&by=day', DEMO_TOKEN)
    const startOfToday = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`
    expect(body.until).toBe(startOfToday)
    expect(body.rows.map((r) => r.day)).not.toContain(startOfToday.slice(0, 10))
  })

  it('reproduction: a per-visitor campaign and a flagged family reveal nothing', async () => {
    // One family sent with a campaign the partner set for that visitor alone, and
    // answered "yes" to a pre-screen question; four more without a campaign that day.
    await deliverInquiries([
      {
        id: 'visitor',
        receivedAt: at('2026-04-10T09:00:00Z'),
        inquiry: {
          attribution: { campaign: 'visitor-1001' },
          preScreen: {
            activeInfection: 'no',
            uncontrolledSeizures: 'yes',
            kidneyOrLiverProblems: 'no',
            geneticSyndrome: 'no',
          },
        },
      },
      ...leads(4, '2026-04-10'),
    ])
    const text = async (query: string) =>
      (await getReport(`/v1/partners/demo/report?${query}`, DEMO_TOKEN)).text
    for (const by of ['campaign', 'day', 'campaign,day', '']) {
      const answer = await text(`since=2026-04-10&until=2026-04-10&by=${by}`)
      expect(answer).not.toContain('visitor-1001')
      expect(answer).not.toMatch(/flag|acknowledged/i)
      expect(answer).toContain('"received":5')
    }
    const moment = await text('since=2026-04-10T08:59:59Z&until=2026-04-10T09:00:01Z&by=campaign')
    expect(moment).toContain('"rows":[{"campaign":null,"received":5}]')
  })

  it('accepts every token of a partner while one rotates, and drops a removed one', async () => {
    expect((await getReport(`/v1/partners/demo/report?${RANGE}`, DEMO_OLD_TOKEN)).status).toBe(200)
    await seedReportCatalog({ demo: [DEMO_TOKEN], [OTHER_PARTNER]: [OTHER_TOKEN] })
    expect((await getReport(`/v1/partners/demo/report?${RANGE}`, DEMO_OLD_TOKEN)).status).toBe(401)
    expect((await getReport(`/v1/partners/demo/report?${RANGE}`, DEMO_TOKEN)).status).toBe(200)
  })

  it('answers 401 without a token, or with one no partner holds', async () => {
    const none = await call('/v1/partners/demo/report')
    expect(none.status).toBe(401)
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer realm="partner-report"')
    const wrong = await getReport('/v1/partners/demo/report', 'guess')
    expect(wrong.status).toBe(401)
    // A coordinator token is not a partner token.
    expect((await getReport('/v1/partners/demo/report', 'test-token-new')).status).toBe(401)
  })

  it("answers 403 to a partner's token for another partner, or for an id that does not exist", async () => {
    const other = await getReport(`/v1/partners/${OTHER_PARTNER}/report?${RANGE}`, DEMO_TOKEN)
    expect(other.status).toBe(403)
    expect(other.text).not.toContain('received')
    expect((await getReport('/v1/partners/demo/report', OTHER_TOKEN)).status).toBe(403)
    expect((await getReport('/v1/partners/no-such-partner/report', DEMO_TOKEN)).status).toBe(403)
  })

  it('refuses a grouping by partner or an unknown one (422)', async () => {
    for (const by of ['partner', 'clinic']) {
      const { status, body } = await getReport(`/v1/partners/demo/report?by=${by}`, DEMO_TOKEN)
      expect(status).toBe(422)
      expect((body as unknown as { issues: { path: string }[] }).issues[0]?.path).toBe('by')
    }
  })

  it('is never cached and has no CORS, while the public partner record keeps its CORS', async () => {
    const init = { headers: { Authorization: `Bearer ${DEMO_TOKEN}`, Origin: 'https://x.example' } }
    const report = await call('/v1/partners/demo/report', init)
    expect(report.status).toBe(200)
    expect(report.headers.get('Cache-Control')).toBe('no-store')
    expect(report.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const preflight = await call('/v1/partners/demo/report', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://x.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const record = await call('/v1/partners/demo', { headers: { Origin: 'https://x.example' } })
    expect(record.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(Object.keys(await json(record)).sort()).toEqual(['id', 'name', 'showNeutralContext'])
  })
})
