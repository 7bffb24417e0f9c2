import { Hono } from 'hono'
import * as v from 'valibot'
import { jsonResponse, type Operations } from '../../shared/openapi/document.ts'
import { publicPartnerExample } from '../../shared/openapi/examples.ts'
import { PublicPartner } from '../../shared/schemas/partner.ts'
import { catalogFor, findPartner } from '../catalog/snapshot.ts'
import { ApiError } from '../http/api-error.ts'
import type { AppEnv } from '../types.ts'
import { partnerReport, partnerReportOperation } from './partner-report.ts'

/** What the widget needs to know about the partner that embeds it; and the partner's own report. */
export const partnersRoutes = new Hono<AppEnv>()
  .get('/:id/report', partnerReport)
  .get('/:id', async (c) => {
    const catalog = await catalogFor(c)
    const partner = findPartner(catalog, c.req.param('id'))
    if (!partner?.active) {
      throw new ApiError('partner_not_found', 'No active partner with that id.')
    }
    c.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=300')
    return c.json(v.parse(PublicPartner, partner))
  })

export const partnersOperations: Operations = {
  'GET /:id/report': partnerReportOperation,
  'GET /:id': {
    operationId: 'getPartner',
    summary: 'What the widget may know about an active partner',
    responses: { 200: jsonResponse('The partner', 'PublicPartner', publicPartnerExample) },
    errors: ['partner_not_found', 'catalog_unavailable'],
  },
}
