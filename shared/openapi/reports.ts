import {
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
    {
      partner: 'demo',
      campaign: 'spring-newsletter',
      received: 12,
      flaggedForReview: 5,
      acknowledged: 11,
    },
    { partner: 'demo', campaign: null, received: 3, flaggedForReview: 1, acknowledged: 3 },
  ],
  more: false,
}

/** What both report operations answer. */
export const reportDescription = `Counts from the clear columns beside each lead (partner, attribution, received time, review flag, ack time): never lead content, never leased. At most ${REPORT_RANGE_MAX_DAYS} days and ${REPORT_ROWS_MAX} rows per answer (more: true when there were more). Days are UTC. Leads purged by retention are no longer counted. No CORS; never cached.`

/** The success answer of both report operations. */
export const reportOk = jsonResponse('Counts per group', 'ReportResponse', reportExample)
