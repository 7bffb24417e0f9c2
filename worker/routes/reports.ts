import { Hono } from 'hono'
import { REPORT_DIMENSIONS, reportQuery } from '../../shared/schemas/reports.ts'
import { parseOrThrow } from '../http/validate.ts'
import { countLeads } from '../reports/lead-counts.ts'
import type { AppEnv } from '../types.ts'

export const INVALID_REPORT_QUERY = {
  status: 422,
  code: 'invalid_report_query',
  message: 'The report query is not valid.',
} as const

/** Mounted behind coordinator auth (see app.ts): counts for every partner, never lead content. */
export const reportsRoutes = new Hono<AppEnv>().get('/leads', async (c) => {
  c.header('Cache-Control', 'no-store')
  const window = parseOrThrow(
    reportQuery(Date.now(), REPORT_DIMENSIONS),
    c.req.query(),
    INVALID_REPORT_QUERY,
  )
  return c.json(await countLeads(c.env.LEADS, window))
})
