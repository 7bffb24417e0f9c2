import {
  PARTNER_REPORT_DIMENSIONS,
  REPORT_DEFAULT_SINCE,
  REPORT_DIMENSIONS,
  REPORT_RANGE_MAX_DAYS,
  REPORT_ROWS_MAX,
  type ReportResponse,
  ReportResponse as ReportResponseSchema,
} from '../schemas/reports.ts'
import { errorResponse, type OpenApiPart } from './document.ts'

const when = (name: 'since' | 'until', description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', examples: [name === 'since' ? '30d' : '2026-11-30'] },
})

const parameters = (dimensions: readonly string[]) => [
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

export const reportExample: ReportResponse = {
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

const description = `Counts from the clear columns beside each lead (partner, attribution, received time, review flag, ack time): never lead content, never leased. At most ${REPORT_RANGE_MAX_DAYS} days and ${REPORT_ROWS_MAX} rows per answer (more: true when there were more). Days are UTC. Leads purged by retention are no longer counted. No CORS; never cached.`

const ok = {
  description: 'Counts per group',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ReportResponse' },
      example: reportExample,
    },
  },
}

export const reportsPart: OpenApiPart = {
  schemas: { ReportResponse: ReportResponseSchema },
  securitySchemes: {
    partnerReportToken: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A token the operator gave one partner; its SHA-256 is in the partner record (reportTokenSha256).',
    },
  },
  paths: {
    '/v1/reports/leads': {
      get: {
        summary: 'Lead counts per partner, for partners’ credit',
        description,
        security: [{ coordinatorToken: [] }],
        parameters: parameters(REPORT_DIMENSIONS),
        responses: {
          200: ok,
          401: errorResponse('No valid coordinator token'),
          422: errorResponse('A query parameter is not valid (see issues)'),
        },
      },
    },
    '/v1/partners/{id}/report': {
      get: {
        summary: 'A partner’s own lead counts, behind its own report token',
        description,
        security: [{ partnerReportToken: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          ...parameters(PARTNER_REPORT_DIMENSIONS),
        ],
        responses: {
          200: ok,
          401: errorResponse('No token, or a token no partner holds'),
          403: errorResponse('A token of another partner'),
          422: errorResponse('A query parameter is not valid (see issues)'),
        },
      },
    },
  },
}
