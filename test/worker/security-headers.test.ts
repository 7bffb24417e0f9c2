import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../worker/app.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { call } from './helpers/http.ts'
import { postInquiry, validInquiry } from './helpers/inquiry.ts'
import { asCoordinator } from './helpers/leads.ts'

beforeAll(() => seedCatalog())

const JSON_CSP = "default-src 'none'; frame-ancestors 'none'"

describe('every JSON answer', () => {
  it.each([
    ['the clinic list', () => call('/v1/clinics'), 200],
    ['a missing clinic', () => call('/v1/clinics/nope'), 404],
    ['an unknown path', () => call('/v1/nothing'), 404],
    ['a refused inquiry', () => postInquiry({ ...validInquiry(), email: 'x' }), 422],
    ['a request without a token', () => call('/v1/leads/pull', { method: 'POST' }), 401],
    ['the health check', () => call('/healthz'), 200],
    ['the coordinators’ health view', () => call('/v1/health', asCoordinator), 200],
    ['the API document', () => call('/openapi.json'), 200],
  ])('carries nosniff, a default-src none CSP and HSTS over https: %s', async (_, send, status) => {
    const response = await send()
    expect(response.status).toBe(status)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Security-Policy')).toBe(JSON_CSP)
    expect(response.headers.get('Strict-Transport-Security')).toBe('max-age=63072000')
  })

  it('sends no HSTS over plain http (local development)', async () => {
    const response = await app.request('http://127.0.0.1:8787/healthz', {}, env)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Strict-Transport-Security')).toBeNull()
  })

  it('leaves the HTML frame pages their own CSP', async () => {
    const response = await call('/embed?partner=demo', { headers: { 'Sec-Fetch-Dest': 'iframe' } })
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(response.headers.get('Content-Security-Policy')).not.toBe(JSON_CSP)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })
})
