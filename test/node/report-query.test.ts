import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  PARTNER_REPORT_DIMENSIONS,
  REPORT_DIMENSIONS,
  reportInstant,
  reportQuery,
} from '../../shared/schemas/reports.ts'

// A fixed "now": nothing here depends on today's date.
const NOW = Date.parse('2026-06-15T12:30:00.000Z')
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

describe('reportInstant', () => {
  it.each([
    ['30d', 'since', '2026-05-16T12:30:00.000Z'],
    ['0d', 'until', '2026-06-15T12:30:00.000Z'],
    ['12h', 'since', '2026-06-15T00:30:00.000Z'],
    ['2026-06-01', 'since', '2026-06-01T00:00:00.000Z'],
    ['2026-06-01', 'until', '2026-06-02T00:00:00.000Z'],
    ['2026-02-28', 'until', '2026-03-01T00:00:00.000Z'],
    ['2026-06-01T08:00:00Z', 'until', '2026-06-01T08:00:00.000Z'],
    ['2026-06-01T08:00:00+02:00', 'since', '2026-06-01T06:00:00.000Z'],
  ] as const)('reads %s as a %s of %s', (text, edge, expected) => {
    expect(iso(reportInstant(text, NOW, edge))).toBe(expected)
  })

  it.each([
    'yesterday',
    '30',
    'd30',
    '30 d',
    '30w',
    '12345d',
    '2026-02-30',
    '2026-13-01',
    '2026-6-1',
    '',
  ])('refuses %j', (text) => {
    expect(reportInstant(text, NOW, 'since')).toBeUndefined()
  })
})

describe('reportQuery', () => {
  const coordinator = reportQuery(NOW, REPORT_DIMENSIONS)
  const partner = reportQuery(NOW, PARTNER_REPORT_DIMENSIONS)

  it('defaults to the last 30 days, grouped by nothing beyond the partner', () => {
    expect(v.parse(coordinator, {})).toEqual({
      since: NOW - 30 * 24 * 3600 * 1000,
      until: NOW,
      by: [],
    })
  })

  it('keeps the groupings asked for, in order', () => {
    expect(v.parse(coordinator, { by: 'day, campaign' }).by).toEqual(['day', 'campaign'])
    expect(v.parse(partner, { by: 'campaign,day' }).by).toEqual(['campaign', 'day'])
  })

  it('covers up to 400 days and no more', () => {
    expect(v.is(coordinator, { since: '400d' })).toBe(true)
    expect(v.is(coordinator, { since: '401d' })).toBe(false)
  })

  it.each([
    [{ since: '1d', until: '2d' }, 'since'],
    [{ since: '2026-06-01', until: '2026-05-31' }, 'since'],
    [{ until: 'soon' }, 'until'],
    [{ by: 'partner,clinic' }, 'by'],
    [{ by: 'day,day' }, 'by'],
    [{ other: '1' }, 'other'],
  ])('refuses %j, naming %s', (query, path) => {
    const result = v.safeParse(coordinator, query)
    expect(result.success).toBe(false)
    expect(new Set(result.issues?.map((i) => v.getDotPath(i)))).toEqual(new Set([path]))
  })

  it('does not let a partner group by partner', () => {
    expect(v.is(partner, { by: 'partner' })).toBe(false)
  })
})
