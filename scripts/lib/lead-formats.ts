import { Attribution } from '../../shared/schemas/attribution.ts'
import { ConsentRecord } from '../../shared/schemas/consent.ts'
import { InquiryFields, PRE_SCREEN_QUESTIONS } from '../../shared/schemas/inquiry.ts'
import type { PulledLead } from '../../shared/schemas/leads-api.ts'
import { csvLine, inertJson } from './csv.ts'

export const FORMATS = ['jsonl', 'csv'] as const
export type Format = (typeof FORMATS)[number]

/** Turns pulled leads into the bytes of one output format. */
export interface LeadFormat {
  /** Written once, at the start of an empty file. */
  header: string
  encode(leads: PulledLead[]): string
}

const jsonl: LeadFormat = {
  header: '',
  encode: (leads) => leads.map((lead) => `${inertJson(lead)}\n`).join(''),
}

/**
 * One column per field; the honeypot is always empty on an accepted
 * inquiry. Objects (preScreen, attribution) get a column per key, so no cell
 * is ever "[object Object]".
 */
const NESTED = { preScreen: PRE_SCREEN_QUESTIONS, attribution: Object.keys(Attribution.entries) }
/** The consent record, a column per field, after the inquiry's. */
const CONSENT_COLUMNS = Object.keys(ConsentRecord.entries)
const INQUIRY_COLUMNS = Object.keys(InquiryFields.entries).filter(
  (key) => key !== 'website' && !(key in NESTED),
)
const NESTED_COLUMNS = Object.entries(NESTED).flatMap(([field, keys]) =>
  keys.map((key) => ({ field, key })),
)
const COLUMNS = [
  'id',
  'receivedAt',
  'leaseId',
  'attempts',
  // `do-not-share-with-clinics` unless the family said yes: first, where no one misses it.
  'sharing',
  ...INQUIRY_COLUMNS,
  ...NESTED_COLUMNS.map(({ field, key }) => `${field}.${key}`),
  'flags',
  ...CONSENT_COLUMNS.map((key) => `consent.${key}`),
]

function text(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return value
  if (Array.isArray(value)) return value.join(' ')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function row(values: unknown[]): string {
  return `${csvLine(values.map(text))}\r\n`
}

function csvRow(lead: PulledLead): string {
  const inquiry = lead.inquiry as Record<string, unknown>
  const nested = (field: string) => (inquiry[field] ?? {}) as Record<string, unknown>
  return row([
    lead.id,
    lead.receivedAt,
    lead.leaseId,
    lead.attempts,
    lead.sharing,
    ...INQUIRY_COLUMNS.map((key) => inquiry[key]),
    ...NESTED_COLUMNS.map(({ field, key }) => nested(field)[key]),
    lead.flags.map((f) => `${f.question}=${f.answer}`),
    ...CONSENT_COLUMNS.map((key) => (lead.consent as Record<string, unknown> | undefined)?.[key]),
  ])
}

/** UTF-8 with a header row, CRLF line ends (RFC 4180). */
const csv: LeadFormat = {
  header: row(COLUMNS),
  encode: (leads) => leads.map(csvRow).join(''),
}

export const LEAD_FORMATS: Record<Format, LeadFormat> = { jsonl, csv }

/** RFC 4180 records: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let cellText = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cellText += '"'
        i++
      } else if (ch === '"') quoted = false
      else cellText += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      record.push(cellText)
      cellText = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      record.push(cellText)
      records.push(record)
      record = []
      cellText = ''
    } else cellText += ch
  }
  if (cellText !== '' || record.length > 0) records.push([...record, cellText])
  return records
}

/** The lease ids of a file `pull` wrote, in either format. */
export function leaseIdsIn(text: string): string[] {
  if (text.startsWith(csv.header)) {
    const [header = [], ...records] = parseCsv(text)
    const column = header.indexOf('leaseId')
    return records.map((r) => r[column] ?? '').filter(Boolean)
  }
  const ids: string[] = []
  for (const [n, line] of text.split('\n').entries()) {
    if (!line.trim()) continue
    let leaseId: unknown
    try {
      leaseId = (JSON.parse(line) as { leaseId?: unknown }).leaseId
    } catch {
      throw new SyntaxError(`line ${n + 1} is not a JSON line`)
    }
    if (typeof leaseId === 'string') ids.push(leaseId)
  }
  return ids
}
