import { Hono } from 'hono'
import type { Operations } from '../../shared/openapi/document.ts'
import { reportDescription, reportOk, reportParameters } from '../../shared/openapi/reports.ts'
import { REPORT_DIMENSIONS, reportQuery } from '../../shared/schemas/reports.ts'
import { BEARER_AUTH_ERRORS } from '../http/bearer-auth.ts'
import { parseOrThrow } from '../http/validate.ts'
import { countLeads } from '../reports/lead-counts.ts'
import type { AppEnv } from '../types.ts'

export const INVALID_REPORT_QUERY = {
  code: 'invalid_report_query',
  message: 'The report query is not valid.',
} as const

/** Mounted behind coordinatorOnly (see app.ts): counts for every partner, never lead content. */
export const reportsRoutes = new Hono<AppEnv>().get('/leads', async (c) => {
  const window = parseOrThrow(
    reportQuery(Date.now(), REPORT_DIMENSIONS),
    c.req.query(),
    INVALID_REPORT_QUERY,
  )
  return c.json(await countLeads(c.env.LEADS, window))
})

export const reportsOperations: Operations = {
  'GET /leads': {
    operationId: 'getLeadReport',
    summary: 'Lead counts per partner, for partners’ credit',
    description: reportDescription,
    security: 'coordinatorToken',
    parameters: reportParameters(REPORT_DIMENSIONS),
    responses: { 200: reportOk },
    errors: [...BEARER_AUTH_ERRORS, 'invalid_report_query'],
  },
}
