import { beforeEach, describe, expect, it } from 'vitest'
import { call, json } from './helpers/http.ts'
import { clearLeadStore } from './helpers/leads.ts'
import { deliverInquiries, getReport, OTHER_PARTNER, seedReportCatalog } from './helpers/reports.ts'

const DEMO_TOKEN = 'demo-report-token-new'
const DEMO_OLD_TOKEN = 'demo-report-token-old'
const OTHER_TOKEN = 'blog-b-report-token'
const RANGE = 'since=2026-03-01&until=2026-03-02'

beforeEach(async () => {
  await clearLeadStore()
  await seedReportCatalog({ demo: [DEMO_TOKEN, DEMO_OLD_TOKEN], [OTHER_PARTNER]: [OTHER_TOKEN] })
  const at = (iso: string) => Date.parse(iso)
  await deliverInquiries([
    {
      id: 'd1',
      receivedAt: at('2026-03-01T10:00:00Z'),
      inquiry: { attribution: { campaign: 'spring' } },
    },
    {
      id: 'd2',
      receivedAt: at('2026-03-02T10:00:00Z'),
      inquiry: { attribution: { campaign: 'spring' } },
    },
    { id: 'd3', receivedAt: at('2026-03-02T11:00:00Z') },
    {
      id: 'b1',
      receivedAt: at('2026-03-01T10:00:00Z'),
      inquiry: { partnerId: OTHER_PARTNER, attribution: { campaign: 'spring' } },
    },
  ])
})

describe('GET /v1/partners/:id/report', () => {
  it('answers a partner its own counts only', async () => {
    const { status, body } = await getReport(
      `/v1/partners/demo/report?${RANGE}&by=campaign`,
      DEMO_TOKEN,
    )
    expect(status).toBe(200)
    expect(body.rows).toEqual([
      { partner: 'demo', campaign: null, received: 1, flaggedForReview: 1, acknowledged: 0 },
      { partner: 'demo', campaign: 'spring', received: 2, flaggedForReview: 2, acknowledged: 0 },
    ])
    const other = await getReport(`/v1/partners/${OTHER_PARTNER}/report?${RANGE}`, OTHER_TOKEN)
    expect(other.body.rows).toEqual([
      { partner: OTHER_PARTNER, received: 1, flaggedForReview: 1, acknowledged: 0 },
    ])
  })

  it('groups by day', async () => {
    const { body } = await getReport(`/v1/partners/demo/report?${RANGE}&by=day`, DEMO_TOKEN)
    expect(body.rows.map((r) => [r.day, r.received])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 2],
    ])
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
