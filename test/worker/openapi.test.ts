import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { DEAD_LETTER_REASONS, ERROR_CODES, ERRORS, type ErrorCode } from '../../shared/errors.ts'
import { RATING_METHODS } from '../../shared/rules/provenance.ts'
import { LICENCE_KINDS, WARNING_CODES, WARNING_MEANINGS } from '../../shared/rules/warnings.ts'
import { ClinicsResponse, ClinicView, ErrorBody } from '../../shared/schemas/api.ts'
import { ClinicHistory } from '../../shared/schemas/history.ts'
import { Inquiry, InquiryAccepted } from '../../shared/schemas/inquiry.ts'
import { PublicPartner } from '../../shared/schemas/partner.ts'
import { PartnerReportResponse, ReportResponse } from '../../shared/schemas/reports.ts'
import { app } from '../../worker/app.ts'
import { UNDESCRIBED_PREFIXES } from '../../worker/routes/openapi.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'
import { postInquiry } from './helpers/inquiry.ts'

type Operation = {
  operationId: string
  security: unknown[]
  requestBody?: { content: Record<string, { example?: unknown }> }
  responses: Record<string, Response>
}
type Response = {
  content?: Record<
    string,
    {
      example?: unknown
      examples?: Record<string, { value: unknown }>
      schema?: { allOf?: unknown[] }
    }
  >
}
type Document = {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
}

const RESPONSE_SCHEMAS: Record<string, v.GenericSchema> = {
  'GET /v1/clinics 200': ClinicsResponse,
  'GET /v1/clinics/{id} 200': ClinicView,
  'GET /v1/clinics/{id}/history 200': ClinicHistory,
  'GET /v1/partners/{id} 200': PublicPartner,
  'POST /v1/inquiries 202': InquiryAccepted,
  'GET /v1/reports/leads 200': ReportResponse,
  'GET /v1/partners/{id}/report 200': PartnerReportResponse,
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

  it('describes every route of the app, and only those', async () => {
    const doc = await openApi()
    // Middleware is registered as ALL; a route answers one method.
    const routes = app.routes
      .filter((route) => route.method !== 'ALL')
      .filter((route) => !UNDESCRIBED_PREFIXES.some((prefix) => route.path.startsWith(prefix)))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
    const described = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect([...new Set(routes)].sort()).toEqual(described.sort())
    expect(routes).toContain('GET /v1/partners/{id}/report')
  })

  it('lists each operation’s error codes under their status, and the dead-letter reasons', async () => {
    const doc = await openApi()
    expect(
      (doc.components.schemas.Error as { properties: { error: unknown } }).properties.error,
    ).toEqual({ type: 'string', enum: ERROR_CODES })
    const listed = new Set<ErrorCode>()
    for (const methods of Object.values(doc.paths)) {
      for (const operation of Object.values(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const schema = response.content?.['application/json']?.schema
          const codes = (schema?.allOf?.[1] as { properties?: { error: { enum: ErrorCode[] } } })
            ?.properties?.error.enum
          // The health views answer 503 with their own report, not the error shape.
          const health = ['getHealth', 'getHealthDetail'].includes(operation.operationId)
          if (Number(status) < 400 || (health && status === '503')) continue
          expect(codes, `${operation.operationId} ${status}`).toBeDefined()
          for (const code of codes ?? []) {
            expect(ERRORS[code].status, `${operation.operationId} ${code}`).toBe(Number(status))
            listed.add(code)
          }
        }
        expect(operation.responses['500']).toBeDefined()
      }
    }
    const deadLetters = doc.components.schemas.DeadLettersResponse as {
      properties: { deadLetters: { items: { properties: { reason: unknown } } } }
    }
    expect(deadLetters.properties.deadLetters.items.properties.reason).toEqual({
      type: 'string',
      enum: DEAD_LETTER_REASONS,
    })
    // Only onError's fallbacks are not an operation's own.
    expect(ERROR_CODES.filter((code) => !listed.has(code))).toEqual(['bad_request', 'not_found'])
  })

  it('names every operation once and marks the public ones as needing no token', async () => {
    const doc = await openApi()
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods))
    const ids = operations.map((operation) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(doc.paths['/v1/clinics']?.get?.security).toEqual([])
    // Never anonymous: a Turnstile token (browsers) or the partner's API key (its server).
    expect(doc.paths['/v1/inquiries']?.post?.security).toEqual([
      { turnstileToken: [] },
      { partnerApiKey: [] },
    ])
    expect(doc.paths['/v1/reports/leads']?.get?.security).toEqual([{ coordinatorToken: [] }])
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

  it('documents how each verified fact was checked', async () => {
    const doc = await openApi()
    const text = JSON.stringify(doc.components.schemas.Clinic)
    for (const method of RATING_METHODS) expect(text).toContain(`"${method}"`)
    for (const field of ['evidenceSha256', 'evidenceUrl', 'checkedBy', 'checkedAt', 'operators']) {
      expect(text).toContain(`"${field}"`)
    }
    for (const kind of LICENCE_KINDS) expect(text).toContain(`"${kind}"`)
    expect(text).toContain('COFEPRIS-09-023')
  })

  it('carries examples that the same schemas accept', async () => {
    const doc = await openApi()
    let checked = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const media = response.content?.['application/json']
          for (const [code, { value }] of Object.entries(media?.examples ?? {})) {
            // An error example: the error shape, under the status of its code.
            const body = v.parse(ErrorBody, value)
            expect([body.error, ERRORS[body.error].status]).toEqual([code, Number(status)])
            checked++
          }
          const schema = RESPONSE_SCHEMAS[`${method.toUpperCase()} ${path} ${status}`]
          if (media?.example === undefined || !schema) continue
          expect(v.safeParse(schema, media.example).issues).toBeUndefined()
          checked++
        }
      }
    }
    const request =
      doc.paths['/v1/inquiries']?.post?.requestBody?.content['application/json']?.example
    expect(v.safeParse(Inquiry, request).issues).toBeUndefined()
    // The response examples, and invalid_filter's error example.
    expect(checked).toBe(Object.keys(RESPONSE_SCHEMAS).length + 1)
  })

  it('has an inquiry example the running Worker accepts', async () => {
    await seedCatalog()
    const doc = await openApi()
    const example =
      doc.paths['/v1/inquiries']?.post?.requestBody?.content['application/json']?.example
    expect((await postInquiry(example)).status).toBe(202)
  })
})

describe('/openapi.json for coordinators', () => {
  it('describes the coordinator paths with bearer auth, from the shared schemas', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { security?: unknown }>>
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
    }>(await call('/openapi.json'))
    for (const path of ['/v1/leads/pull', '/v1/leads/ack', '/v1/dead-letters/replay']) {
      expect(doc.paths[path]?.post?.security).toEqual([{ coordinatorToken: [] }])
    }
    expect(doc.components.securitySchemes.coordinatorToken).toMatchObject({ scheme: 'bearer' })
    expect(doc.components.schemas.PullRequest).toMatchObject({
      properties: { batchSize: { minimum: 1, maximum: 100 } },
    })
    expect(doc.components.schemas.PullResponse).toBeDefined()
  })
})
