import { describe, expect, it } from 'vitest'
import { csvField } from '../../scripts/lib/csv.ts'
import { formatCsv, formatTable, reportParams } from '../../scripts/lib/leads-report.ts'
import type { ReportResponse } from '../../shared/schemas/reports.ts'

const report: ReportResponse = {
  since: '2026-05-01T00:00:00.000Z',
  until: '2026-06-01T00:00:00.000Z',
  by: ['partner', 'campaign'],
  rows: [
    { partner: 'demo', campaign: null, received: 2, acknowledged: 2 },
    { partner: 'demo', campaign: 'Boletín, "mayo"', received: 10, acknowledged: 7 },
    { partner: 'demo', campaign: '+1 offer', received: 1, acknowledged: 0 },
  ],
  more: false,
}

describe('the report table', () => {
  it('aligns groups left and counts right, with a total line', () => {
    expect(formatTable(report).split('\n')).toEqual([
      'Leads received from 2026-05-01T00:00:00.000Z until 2026-06-01T00:00:00.000Z (UTC days)',
      'partner  campaign         received  acknowledged',
      'demo     (none)                  2             2',
      'demo     Boletín, "mayo"        10             7',
      'demo     +1 offer                1             0',
      'total                           13             9',
      '',
    ])
  })

  it('says so when there are no leads', () => {
    expect(formatTable({ ...report, rows: [] })).toContain('No leads in this range.')
  })
})

describe('the report CSV', () => {
  it('quotes commas and quotes, and keeps formula-like values as text', () => {
    expect(formatCsv(report).split('\n')).toEqual([
      'partner,campaign,received,acknowledged',
      'demo,,2,2',
      'demo,"Boletín, ""mayo""",10,7',
      "demo,'+1 offer,1,0",
      '',
    ])
  })

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-2', "'-2"],
    ['@x', "'@x"],
    ['plain', 'plain'],
    ['line\nbreak', '"line\nbreak"'],
    // Terminal escapes from a crafted name are shown, never run.
    ['\u001b]0;owned\u0007title', '\\u001b]0;owned\\u0007title'],
    ['\u009b31mred', '\\u009b31mred'],
    ['a\u202eb', 'a\\u202eb'],
    ['lone\rreturn', 'lone\\u000dreturn'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('reportParams', () => {
  const NOW = Date.parse('2026-06-15T00:00:00Z')
  it('sends what was given, grouped by partner unless asked otherwise', () => {
    expect(reportParams({ since: '30d' }, NOW).toString()).toBe('since=30d&by=partner')
    expect(reportParams({ until: '2026-06-01', by: 'partner,day' }, NOW).toString()).toBe(
      'until=2026-06-01&by=partner%2Cday',
    )
  })

  it('refuses what the Worker would refuse, naming the option', () => {
    expect(() => reportParams({ since: 'last week' }, NOW)).toThrow(/--since/)
    expect(() => reportParams({ by: 'clinic' }, NOW)).toThrow(/--by/)
  })
})
