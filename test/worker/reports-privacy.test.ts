import { beforeAll, describe, expect, it } from 'vitest'
import type { InquiryInput } from '../../shared/schemas/inquiry.ts'
import { REPORT_DIMENSIONS } from '../../shared/schemas/reports.ts'
import { json } from './helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'
import { clearLeadStore, TOKEN } from './helpers/leads.ts'
import { getReport, seedReportCatalog } from './helpers/reports.ts'

const PARTNER_TOKEN = 'privacy-test-partner-token'

/** Fictional families, each value distinctive so a leak cannot hide behind a common word. */
const inquiries: InquiryInput[] = [
  validInquiry({
    parentName: 'Zelda Quixote-Marlowe',
    email: 'zelda.quixote@example.org',
    phone: '+598 2 917 4433',
    contactChannel: 'whatsapp',
    country: 'UY',
    childAgeYears: 11,
    message: 'Nuestra hija tiene convulsiones nocturnas; ¿qué revisión hacen?',
    attribution: { source: 'forum', campaign: 'winter-thread' },
  }),
  validInquiry({
    clinicIds: ['cedro-cancun'],
    packageIds: undefined,
    parentName: 'Bartholomew Okonkwo',
    email: 'b.okonkwo@example.net',
    phone: '+1 415 555 0142',
    contactChannel: 'phone',
    language: 'en',
    country: 'US',
    childAgeYears: 4,
    message: 'Diagnosed with Fragile X last spring.',
    preScreen: {
      activeInfection: 'yes',
      uncontrolledSeizures: 'no',
      kidneyOrLiverProblems: 'not-sure',
      geneticSyndrome: 'yes',
    },
  }),
]

/**
 * Every string a family sent (or chose) that is not the partner, the partner
 * page's attribution or the notice version (the form's, the same for every
 * family, and shaped like the dates reports carry).
 */
function personalValues(inquiry: InquiryInput): string[] {
  const {
    partnerId: _partner,
    attribution: _attribution,
    consentVersion: _notice,
    ...rest
  } = inquiry
  const values: string[] = []
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') values.push(value)
    else if (Array.isArray(value)) for (const item of value) walk(item, key)
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        values.push(k)
        walk(v, k)
      }
    }
  }
  walk(rest, '')
  // Two-letter codes (language, country) would match inside ordinary words; keys are checked below.
  return [...new Set(values)].filter((value) => value.length >= 4)
}

const bodies: string[] = []

beforeAll(async () => {
  await clearLeadStore()
  await seedReportCatalog({ demo: [PARTNER_TOKEN] })
  for (const [i, inquiry] of inquiries.entries()) {
    const response = await postInquiry(inquiry, { key: `privacy-${i}` })
    expect(response.status).toBe(202)
    await waitForLead((await json<{ id: string }>(response)).id)
  }
  const groupings = ['', 'campaign', 'day', 'campaign,day']
  for (const by of [...groupings, ...REPORT_DIMENSIONS, 'partner,campaign,day']) {
    const report = await getReport(`/v1/reports/leads?since=1h&by=${by}`, TOKEN)
    expect(report.status).toBe(200)
    bodies.push(report.text)
  }
  for (const by of groupings) {
    const report = await getReport(`/v1/partners/demo/report?since=1h&by=${by}`, PARTNER_TOKEN)
    expect(report.status).toBe(200)
    bodies.push(report.text)
  }
})

describe('reports', () => {
  it('count what was sent', () => {
    const total = JSON.parse(bodies[0] ?? '{}') as { rows: { received: number }[] }
    expect(total.rows.map((r) => r.received)).toEqual([2])
  })

  it('carry no personal value that any family sent, in any grouping', () => {
    const values = inquiries.flatMap(personalValues)
    expect(values).toContain('zelda.quixote@example.org')
    expect(values).toContain('Diagnosed with Fragile X last spring.')
    for (const body of bodies) {
      const haystack = body.toLowerCase()
      for (const value of values) expect(haystack).not.toContain(value.toLowerCase())
      // Also as JSON would escape it (the ¿ and ; of a message).
      for (const value of values) expect(body).not.toContain(JSON.stringify(value).slice(1, -1))
    }
  })

  it('have only count fields in their rows', () => {
    const allowed = ['partner', 'campaign', 'day', 'received', 'acknowledged']
    for (const body of bodies) {
      const { rows } = JSON.parse(body) as { rows: Record<string, unknown>[] }
      for (const row of rows) for (const key of Object.keys(row)) expect(allowed).toContain(key)
    }
  })
})
