import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../worker/app.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'
import { asCoordinator } from './helpers/leads.ts'

describe('GET /healthz', () => {
  it('answers 200 ok when KV, D1 and the Queue binding answer', async () => {
    await seedCatalog()
    const response = await call('/healthz')
    expect(response.status).toBe(200)
    expect(await json(response)).toEqual({ status: 'ok' })
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })

  it('says only "degraded" to the public while a secret is refused, and what is wrong to coordinators', async () => {
    await seedCatalog()
    const broken = { ...env, LEADS_KEY: 'not-a-keyring' }
    const publicView = await app.request('/healthz', {}, broken)
    expect(publicView.status).toBe(200)
    expect(await publicView.text()).toBe('{"status":"degraded"}')
    const detail = await app.request('/v1/health', asCoordinator, broken)
    expect(detail.status).toBe(200)
    expect(await json(detail)).toMatchObject({
      status: 'degraded',
      secrets: { LEADS_KEY: { status: 'error' } },
      catalog: { clinics: 6, partners: 2 },
    })
  })

  it('answers 503 failing when a binding does not answer, still with nothing but its status', async () => {
    const failingKv = {
      get: () => Promise.reject(new Error('KV down')),
      list: () => Promise.reject(new Error('KV down')),
    } as unknown as KVNamespace
    const response = await app.request('/healthz', {}, { ...env, CATALOG: failingKv })
    expect(response.status).toBe(503)
    expect(await json(response)).toEqual({ status: 'failing' })
  })

  it('keeps the detailed view for coordinators: 401 without their token', async () => {
    const response = await call('/v1/health')
    expect(response.status).toBe(401)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const detail = await call('/v1/health', asCoordinator)
    expect(detail.status).toBe(200)
    expect(await json(detail)).toMatchObject({
      bindings: { CATALOG: 'ok', LEADS: 'ok', INQUIRIES: 'ok' },
      deadLetters: { count: 0 },
    })
  })
})

describe('unknown paths', () => {
  it('answer 404 in the error shape', async () => {
    const response = await call('/v1/nothing-here')
    expect(response.status).toBe(404)
    expect(await json(response)).toMatchObject({ error: 'not_found' })
  })
})
