import { Hono } from 'hono'
import { buildOpenApiDocument } from '../../shared/openapi/document.ts'
import { inquiriesPart } from '../../shared/openapi/inquiries.ts'
import { leadsPart } from '../../shared/openapi/leads.ts'
import { reportsPart } from '../../shared/openapi/reports.ts'
import type { AppEnv } from '../types.ts'

let document: string | undefined

export const openApiRoutes = new Hono<AppEnv>().get('/', (c) => {
  document ??= JSON.stringify(buildOpenApiDocument([inquiriesPart, leadsPart, reportsPart]))
  return c.body(document, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    'Access-Control-Allow-Origin': '*',
  })
})
