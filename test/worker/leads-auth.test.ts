import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { app } from '../../worker/app.ts'
import { call, json } from './helpers/http.ts'
import { asCoordinator, OLD_TOKEN, TOKEN } from './helpers/leads.ts'

const paths = ['/v1/leads/pull', '/v1/leads/ack', '/v1/dead-letters/replay']

function post(path: string, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (authorization !== undefined) headers.Authorization = authorization
  return call(path, { method: 'POST', headers, body: '{}' })
}

describe('coordinator auth', () => {
  it.each(paths)('answers %s without a token with 401 and WWW-Authenticate', async (path) => {
    const response = await post(path)
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="leads"$/)
    expect(await json(response)).toMatchObject({ error: 'unauthorized' })
  })

  it.each([
    'Bearer wrong-token',
    `Bearer ${TOKEN.slice(0, -1)}`,
    `Bearer ${TOKEN}-and-more`,
    'Basic dGVzdC10b2tlbi1uZXc6',
    `Bearer ${TOKEN},${OLD_TOKEN}`,
    'Bearer ',
    TOKEN,
  ])('refuses "%s"', async (authorization) => {
    const response = await post('/v1/leads/pull', authorization)
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toContain('Bearer')
  })

  it.each([TOKEN, OLD_TOKEN])('accepts every token in the rotation list (%s)', async (token) => {
    const response = await post('/v1/leads/pull', `Bearer ${token}`)
    expect(response.status).toBe(200)
  })

  it('lists dead letters only with a token', async () => {
    expect((await call('/v1/dead-letters')).status).toBe(401)
    const response = await call('/v1/dead-letters', {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })
    expect(response.status).toBe(200)
  })
})

describe('COORDINATOR_TOKENS with a token shorter than 32 characters', () => {
  it('never lets the short token in, keeps the others working, logs and shows it', async () => {
    const short = 'short-but-not-empty'
    const configured = { ...env, COORDINATOR_TOKENS: `${short},${TOKEN}` }
    const logged = vi.spyOn(console, 'error')
    const request = (token: string) =>
      app.request(
        '/v1/leads/pull',
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: '{}',
        },
        configured,
      )
    expect((await request(short)).status).toBe(401)
    expect((await request(TOKEN)).status).toBe(200)
    expect(logged.mock.calls.flat().join('\n')).toContain('auth.tokens_refused')
    expect(logged.mock.calls.flat().join('\n')).not.toContain(short)
    const health = await app.request('/v1/health', asCoordinator, configured)
    expect(await json(health)).toMatchObject({
      status: 'degraded',
      secrets: { COORDINATOR_TOKENS: { status: 'error' } },
    })
    logged.mockRestore()
  })
})

describe('CORS on coordinator endpoints', () => {
  it.each([...paths, '/v1/dead-letters'])(
    'is never answered for %s, preflight included',
    async (path) => {
      const preflight = await call(path, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:8787',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      })
      const actual = await call(path, {
        method: 'POST',
        headers: {
          Origin: 'http://127.0.0.1:8787',
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
        },
        body: '{}',
      })
      for (const response of [preflight, actual]) {
        const cors = [...response.headers.keys()].filter((name) =>
          name.startsWith('access-control-'),
        )
        expect(cors).toEqual([])
      }
      expect(preflight.status).toBeGreaterThanOrEqual(400)
    },
  )
})
