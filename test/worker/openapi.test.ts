import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { WARNING_CODES, WARNING_MEANINGS } from '../../shared/rules/warnings.ts'
import { ClinicsResponse, ClinicView, ErrorBody } from '../../shared/schemas/api.ts'
import { Inquiry, InquiryAccepted } from '../../shared/schemas/inquiry.ts'
import { PublicPartner } from '../../shared/schemas/partner.ts'
import { ReportResponse } from '../../shared/schemas/reports.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'
import { postInquiry } from './helpers/inquiry.ts'

type Operation = {
  requestBody?: { content: Record<string, { example?: unknown }> }
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>
}
type Document = {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
}

const RESPONSE_SCHEMAS: Record<string, v.GenericSchema> = {
  'GET /v1/clinics 200': ClinicsResponse,
  'GET /v1/clinics/{id} 200': ClinicView,
  'GET /v1/partners/{id} 200': PublicPartner,
  'GET /v1/clinics 400': ErrorBody,
  'POST /v1/inquiries 202': InquiryAccepted,
  'GET /v1/reports/leads 200': ReportResponse,
  'GET /v1/partners/{id}/report 200': ReportResponse,
}

async function openApi(): Promise<Document> {
  const response = await call('/openapi.json')
  expect(response.status).toBe(200)
  return json<Document>(response)
}

describe('GET /openapi.json', () => {
  it('describes every path with JSON Schemas generated from the shared schemas', async () => {
    const doc = await openApi()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/clinics',
        '/v1/clinics/{id}',
        '/v1/inquiries',
        '/v1/reports/leads',
        '/v1/partners/{id}/report',
        '/healthz',
      ]),
    )
    const inquiry = doc.components.schemas.Inquiry as {
      properties: Record<string, unknown>
      required: string[]
    }
    expect(Object.keys(inquiry.properties).sort()).toEqual(
      Object.keys(Inquiry.pipe[0].entries).sort(),
    )
    expect(inquiry.required).toContain('consent')
  })

  it('lists every warning code a clinic can carry, with its meaning', async () => {
    const doc = await openApi()
    const clinic = doc.components.schemas.Clinic as {
      properties: { warnings: { items: { enum: string[]; description: string } } }
    }
    const { items } = clinic.properties.warnings
    expect(items.enum).toEqual([...WARNING_CODES])
    for (const code of WARNING_CODES) expect(items.description).toContain(WARNING_MEANINGS[code])
  })

  it('carries examples that the same schemas accept', async () => {
    const doc = await openApi()
    let checked = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const example = response.content?.['application/json']?.example
          const schema = RESPONSE_SCHEMAS[`${method.toUpperCase()} ${path} ${status}`]
          if (example === undefined || !schema) continue
          expect(v.safeParse(schema, example).issues).toBeUndefined()
          checked++
        }
      }
    }
    const request =
      doc.paths['/v1/inquiries']?.post?.requestBody?.content['application/json']?.example
    expect(v.safeParse(Inquiry, request).issues).toBeUndefined()
    expect(checked).toBe(Object.keys(RESPONSE_SCHEMAS).length)
  })

  it('has an inquiry example the running Worker accepts', async () => {
    await seedCatalog()
    const doc = await openApi()
    const example =
      doc.paths['/v1/inquiries']?.post?.requestBody?.content['application/json']?.example
    expect((await postInquiry(example)).status).toBe(202)
  })
})
