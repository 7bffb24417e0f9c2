import { Hono } from 'hono'
import { buildOpenApiDocument, type Operations } from '../../shared/openapi/document.ts'
import type { AppEnv } from '../types.ts'
import { clinicsOperations } from './clinics.ts'
import { deadLettersOperations } from './dead-letters.ts'
import { healthDetailOperations, healthOperations } from './health.ts'
import { inquiriesOperations } from './inquiries.ts'
import { leadsOperations } from './leads.ts'
import { myRequestOperations } from './my-request.ts'
import { partnersOperations } from './partners.ts'
import { reportsOperations } from './reports.ts'
import { rightsOperations } from './rights.ts'

/**
 * Paths app.ts serves but the document leaves out: /embed answers HTML pages
 * for partners' frames, /privacy the notices and /my-request the family's
 * receipt page, not the JSON API (docs/widget.md, docs/privacy.md describe them).
 * A test checks every other route of the app is described, and only those.
 */
export const UNDESCRIBED_PREFIXES = ['/embed', '/privacy', '/my-request']

const openApiOperations: Operations = {
  'GET /': {
    operationId: 'getOpenApi',
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 document of this API' } },
    errors: [],
  },
}

/** Each route module's operations under the path app.ts mounts it at. */
const MOUNTED: Record<string, Operations> = {
  '/v1/clinics': clinicsOperations,
  '/v1/partners': partnersOperations,
  '/v1/inquiries': inquiriesOperations,
  '/v1/my-request': myRequestOperations,
  '/v1/leads': leadsOperations,
  '/v1/dead-letters': deadLettersOperations,
  '/v1/reports': reportsOperations,
  '/v1/health': healthDetailOperations,
  '/v1/rights': rightsOperations,
  '/healthz': healthOperations,
  '/openapi.json': openApiOperations,
}

let document: string | undefined

export const openApiRoutes = new Hono<AppEnv>().get('/', (c) => {
  document ??= JSON.stringify(buildOpenApiDocument(MOUNTED))
  return c.body(document, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    'Access-Control-Allow-Origin': '*',
  })
})
