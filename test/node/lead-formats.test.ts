import { describe, expect, it } from 'vitest'
import { LEAD_FORMATS, leaseIdsIn, parseCsv } from '../../scripts/lib/lead-formats.ts'
import type { PulledLead } from '../../shared/schemas/leads-api.ts'

const lead: PulledLead = {
  leaseId: 'lease-1',
  id: 'inq-1',
  receivedAt: '2026-11-20T10:00:00.000Z',
  attempts: 1,
  inquiry: {
    partnerId: 'demo',
    clinicIds: ['aurora-tijuana', 'cedro-cancun'],
    parentName: '=HYPERLINK("http://example.com")',
    message: 'Línea uno, "dos"\r\nlínea tres',
    phone: '+52 33 5555 0199',
    preScreen: { activeInfection: 'no', uncontrolledSeizures: 'yes' },
  },
  flags: [{ question: 'uncontrolledSeizures', answer: 'yes' }],
  consent: { noticeVersion: '2026-12', shareWithClinics: false, language: 'es' },
  sharing: 'do-not-share-with-clinics',
}

describe('--format csv', () => {
  it('is RFC 4180: a header, CRLF records, quoted commas, quotes and line breaks', () => {
    const csv = LEAD_FORMATS.csv
    const [header = [], row = [], ...rest] = parseCsv(csv.header + csv.encode([lead]))
    expect(rest).toEqual([])
    const cell = (name: string) => row[header.indexOf(name)]
    expect(header.length).toBe(row.length)
    expect(cell('message')).toBe('Línea uno, "dos"\r\nlínea tres')
    expect(cell('clinicIds')).toBe('aurora-tijuana cedro-cancun')
    expect(cell('preScreen.uncontrolledSeizures')).toBe('yes')
    expect(cell('flags')).toBe('uncontrolledSeizures=yes')
    expect(cell('sharing')).toBe('do-not-share-with-clinics')
    expect(cell('consent.noticeVersion')).toBe('2026-12')
    expect(cell('consent.language')).toBe('es')
    expect(csv.encode([lead]).endsWith('\r\n')).toBe(true)
  })

  it('keeps a spreadsheet from running a cell as a formula', () => {
    const csv = LEAD_FORMATS.csv
    const [header = [], row = []] = parseCsv(csv.header + csv.encode([lead]))
    expect(row[header.indexOf('parentName')]).toBe(`'=HYPERLINK("http://example.com")`)
    expect(row[header.indexOf('phone')]).toBe(`'+52 33 5555 0199`)
  })

  it('carries "do not share with clinics" in JSONL too', () => {
    const [line = ''] = LEAD_FORMATS.jsonl.encode([lead]).split('\n')
    expect(JSON.parse(line)).toMatchObject({ sharing: 'do-not-share-with-clinics' })
  })

  it('gives back the lease ids of either format, for ack --from', () => {
    for (const format of Object.values(LEAD_FORMATS)) {
      expect(
        leaseIdsIn(format.header + format.encode([lead, { ...lead, leaseId: 'lease-2' }])),
      ).toEqual(['lease-1', 'lease-2'])
    }
  })
})
