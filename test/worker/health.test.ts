import { describe, expect, it } from 'vitest'
import { seedCatalog } from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'

describe('GET /healthz', () => {
  it('answers 200 when KV, D1 and the Queue binding answer', async () => {
    await seedCatalog()
    const response = await call('/healthz')
    expect(response.status).toBe(200)
    const body = await json<{
      status: string
      bindings: Record<string, string>
      catalog: { clinics: number; invalidRecords: number }
    }>(response)
    expect(body.status).toBe('ok')
    expect(body.bindings).toEqual({ CATALOG: 'ok', LEADS: 'ok', INQUIRIES: 'ok' })
    expect(body.catalog).toMatchObject({ clinics: 6, invalidRecords: 0 })
  })
})

describe('unknown paths', () => {
  it('answer 404 in the error shape', async () => {
    const response = await call('/v1/nothing-here')
    expect(response.status).toBe(404)
    expect(await json(response)).toMatchObject({ error: 'not_found' })
  })
})
