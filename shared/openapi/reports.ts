import {
  PARTNER_REPORT_MIN_COUNT,
  type PartnerReportResponse,
  REPORT_DEFAULT_SINCE,
  REPORT_RANGE_MAX_DAYS,
  REPORT_ROWS_MAX,
  type ReportResponse,
} from '../schemas/reports.ts'
import { jsonResponse } from './document.ts'

const when = (name: 'since' | 'until', description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', examples: [name === 'since' ? '30d' : '2026-11-30'] },
})

/** since, until and by, for the dimensions an operation allows. */
export const reportParameters = (dimensions: readonly string[]) => [
  when(
    'since',
    `Start, inclusive: an age such as ${REPORT_DEFAULT_SINCE} or 12h, a UTC date, or an ISO timestamp (default ${REPORT_DEFAULT_SINCE}).`,
  ),
  when('until', 'End, exclusive: same forms; a date includes that whole UTC day (default now).'),
  {
    name: 'by',
    in: 'query',
    required: false,
    description: `Comma-separated groupings from ${dimensions.join(', ')}. Rows are always per partner.`,
    schema: { type: 'string' },
  },
]

const reportExample: ReportResponse = {
  since: '2026-10-01T00:00:00.000Z',
  until: '2026-11-01T00:00:00.000Z',
  by: ['partner', 'campaign'],
  rows: [
    { partner: 'demo', campaign: 'spring-newsletter', received: 12, acknowledged: 11 },
    { partner: 'demo', campaign: null, received: 3, acknowledged: 3 },
  ],
  more: false,
}

/** What the coordinators' report answers. */
export const reportDescription = `Counts from the clear columns beside each lead (partner, attribution, received time, ack time): never lead content, never a health flag, never leased. At most ${REPORT_RANGE_MAX_DAYS} days and ${REPORT_ROWS_MAX} rows per answer (more: true when there were more). Days are UTC. Leads purged by retention are no longer counted. No CORS; never cached.`

/** The success answer of the coordinators' report. */
export const reportOk = jsonResponse('Counts per group', 'ReportResponse', reportExample)

const partnerReportExample: PartnerReportResponse = {
  partner: 'demo',
  since: '2026-10-01T00:00:00.000Z',
  until: '2026-11-01T00:00:00.000Z',
  by: ['campaign'],
  minimumCount: PARTNER_REPORT_MIN_COUNT,
  rows: [
    { campaign: 'spring-newsletter', received: 12 },
    { campaign: null, received: 7 },
  ],
  more: false,
}

/** What a partner's own report answers. */
export const partnerReportDescription = `How many requests the partner's pages sent, per whole UTC day and registered campaign; nothing else about them. The window is widened to whole UTC days and ends at the start of today (only completed days). Every row is a sum of (day, campaign) cells of at least ${PARTNER_REPORT_MIN_COUNT} requests; smaller cells are left out before summing, so totals may be lower than what was sent. A campaign the partner has not registered is counted as no campaign. At most ${REPORT_RANGE_MAX_DAYS} days. No CORS; never cached.`

export const partnerReportOk = jsonResponse(
  'Counts per group',
  'PartnerReportResponse',
  partnerReportExample,
)
