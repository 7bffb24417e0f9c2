import type { Context } from 'hono'
import type { Operation } from '../../shared/openapi/document.ts'
import {
  partnerReportDescription,
  partnerReportOk,
  reportParameters,
} from '../../shared/openapi/reports.ts'
import { PARTNER_REPORT_DIMENSIONS, reportQuery, wholeDays } from '../../shared/schemas/reports.ts'
import { partnersHolding } from '../catalog/partner-secrets.ts'
import { catalogFor } from '../catalog/snapshot.ts'
import { ApiError } from '../http/api-error.ts'
import { bearerToken } from '../http/token-digest.ts'
import { parseOrThrow } from '../http/validate.ts'
import { countPartnerLeads } from '../reports/lead-counts.ts'
import type { AppEnv } from '../types.ts'
import { INVALID_REPORT_QUERY } from './reports.ts'

const CHALLENGE = 'Bearer realm="partner-report"'

/**
 * GET /v1/partners/:id/report: a partner's own counts behind its own token.
 * 401 for no token or one no partner holds; 403 for a token of another
 * partner, whether or not `:id` exists, so a token does not probe for ids.
 */
export async function partnerReport(c: Context<AppEnv, '/:id/report'>): Promise<Response> {
  c.header('Cache-Control', 'no-store')
  const token = bearerToken(c.req.header('Authorization'))
  if (!token) {
    throw new ApiError(
      'unauthorized',
      'Send your partner report token as "Authorization: Bearer <token>".',
      { headers: { 'WWW-Authenticate': CHALLENGE } },
    )
  }
  const catalog = await catalogFor(c)
  const owners = await partnersHolding(catalog.partners.values(), token, (p) => p.reportTokenSha256)
  const id = c.req.param('id')
  if (owners.size === 0) {
    throw new ApiError('unauthorized', 'The report token is not valid.', {
      headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
    })
  }
  if (!owners.has(id)) {
    throw new ApiError('forbidden', 'This token reads another partner’s report.')
  }
  const now = Date.now()
  const window = parseOrThrow(
    reportQuery(now, PARTNER_REPORT_DIMENSIONS),
    c.req.query(),
    INVALID_REPORT_QUERY,
  )
  const partner = catalog.partners.get(id)
  if (!partner) throw new ApiError('forbidden', 'This token reads another partner’s report.')
  return c.json(await countPartnerLeads(c.env.LEADS, partner, wholeDays(window, now)))
}

export const partnerReportOperation: Operation = {
  operationId: 'getPartnerReport',
  summary: 'A partner’s own lead counts, behind its own report token',
  description: partnerReportDescription,
  security: 'partnerReportToken',
  parameters: reportParameters(PARTNER_REPORT_DIMENSIONS),
  responses: { 200: partnerReportOk },
  errors: ['unauthorized', 'forbidden', 'invalid_report_query', 'catalog_unavailable'],
}
