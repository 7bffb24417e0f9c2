import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, ERRORS, type ErrorCode, type ErrorSpec } from '../../shared/errors.ts'
import { ErrorBody } from '../../shared/schemas/api.ts'
import { app } from '../../worker/app.ts'
import { ApiError } from '../../worker/http/api-error.ts'
import { onError } from '../../worker/http/on-error.ts'
import type { AppEnv } from '../../worker/types.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { call, ORIGIN } from './helpers/http.ts'
import { authed, TOKEN } from './helpers/leads.ts'

const json = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
})

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<
          string,
          {
            content: Record<
              string,
              { schema: { allOf: { properties: { error: { enum: string[] } } }[] } }
            >
          }
        >
      }
    >
  >
}

const bearer: RequestInit = { headers: { Authorization: `Bearer ${TOKEN}` } }

/** One request per code the app can be driven to answer without a fault. */
const REQUESTS: [ErrorCode, string, RequestInit?][] = [
  ['not_found', '/nowhere'],
  ['invalid_filter', '/v1/clinics?route=oral'],
  ['clinic_not_found', '/v1/clinics/no-such-clinic'],
  ['partner_not_found', '/v1/partners/no-such-partner'],
  ['unknown_partner', '/v1/inquiries', json('{"partnerId":"nobody"}')],
  ['malformed_json', '/v1/inquiries', json('{')],
  ['unsupported_media_type', '/v1/inquiries', { method: 'POST', body: '{}' }],
  ['payload_too_large', '/v1/inquiries', json(`{"x":"${'a'.repeat(20_000)}"}`)],
  ['unauthorized', '/v1/leads/pull', json('{}')],
  ['invalid_pull', '/v1/leads/pull', authed({ batchSize: 0 })],
  ['invalid_ack', '/v1/leads/ack', authed({ acks: 'all' })],
  ['invalid_replay', '/v1/dead-letters/replay', authed({ ids: [] })],
  ['invalid_query', '/v1/dead-letters?status=some', bearer],
  ['invalid_report_query', '/v1/reports/leads?by=colour', bearer],
]

describe('error codes', () => {
  it.each(REQUESTS)(
    'answers %s with the status shared/errors.ts gives it',
    async (code, path, init) => {
      await seedCatalog()
      const response = await call(path, init)
      const body = v.parse(ErrorBody, await response.json())
      expect(body.error).toBe(code)
      expect(response.status).toBe(ERRORS[code].status)
      const spec: ErrorSpec = ERRORS[code]
      for (const header of spec.headers ?? []) expect(response.headers.get(header)).toBeTruthy()
    },
  )

  it.each(REQUESTS.filter(([code]) => code !== 'not_found'))(
    'lists %s in /openapi.json for the operation that answered it',
    async (code, path, init) => {
      const doc = await (await call('/openapi.json')).json<OpenApi>()
      const template = Object.keys(doc.paths).find((candidate) =>
        new RegExp(`^${candidate.replace(/\{\w+\}/g, '[^/]+')}$`).test(
          new URL(path, ORIGIN).pathname,
        ),
      )
      const method = (init?.method ?? 'GET').toLowerCase()
      const responses = template ? doc.paths[template]?.[method]?.responses : undefined
      const listed = responses?.[ERRORS[code].status]?.content['application/json']?.schema.allOf[1]
      expect(listed?.properties.error.enum).toContain(code)
    },
  )

  it('answers an unexpected failure with internal and its status', async () => {
    const broken = {
      ...env,
      LEADS: {
        prepare: () => {
          throw new TypeError('D1 is gone')
        },
      } as unknown as D1Database,
    }
    const ctx = createExecutionContext()
    const request = new Request('https://worker.test/v1/reports/leads', bearer)
    const response = await app.fetch(request, broken, ctx)
    await waitOnExecutionContext(ctx)
    expect(v.parse(ErrorBody, await response.json()).error).toBe('internal')
    expect(response.status).toBe(ERRORS.internal.status)
  })

  it('answers an HTTPException that Hono throws with bad_request, its code’s status', async () => {
    const thrower = new Hono<AppEnv>().get('/', () => {
      throw new HTTPException(413, { message: 'Hono refused it' })
    })
    thrower.onError(onError)
    const response = await thrower.request('/')
    expect(v.parse(ErrorBody, await response.json())).toEqual({
      error: 'bad_request',
      message: 'Hono refused it',
    })
    expect(response.status).toBe(ERRORS.bad_request.status)
  })

  it('refuses a body whose code is not one of the closed set', () => {
    const body = { error: 'teapot', message: 'Short and stout.' }
    expect(v.safeParse(ErrorBody, body).success).toBe(false)
    expect(ERROR_CODES).not.toContain('teapot')
  })

  it('derives the status from the code alone', () => {
    for (const code of ERROR_CODES) expect(new ApiError(code, 'x').status).toBe(ERRORS[code].status)
    // @ts-expect-error ApiError takes only the closed codes
    expect(() => new ApiError('teapot', 'x')).toThrow(TypeError)
    // @ts-expect-error the status is never passed at a call site
    expect(() => new ApiError(418, 'teapot', 'x')).toThrow(TypeError)
  })
})
