import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_INQUIRY_BYTES } from '../../worker/routes/inquiries.ts'
import {
  callRefreshingCatalog,
  publishCatalog,
  sampleCatalog,
  seedCatalog,
} from './helpers/catalog.ts'
import { call } from './helpers/http.ts'
import { nextClientIp, postInquiry, validInquiry } from './helpers/inquiry.ts'
import { inOneLimiterWindow } from './helpers/limiter-window.ts'

const PARTNER_SITE = 'https://parents-blog.example'

/** The headers a widget on `origin` can read: nothing at all without a CORS grant. */
function readable(response: Response, origin: string) {
  const granted = response.headers.get('Access-Control-Allow-Origin') === origin
  const exposed = (response.headers.get('Access-Control-Expose-Headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
  return { granted, exposesRetryAfter: exposed.includes('retry-after') }
}

describe('CORS on every answer of POST /v1/inquiries', () => {
  beforeEach(async () => {
    const catalog = sampleCatalog()
    const demo = catalog.partners.find((p) => p.id === 'demo')
    // The operator added the partner's own site to its record.
    demo?.allowedOrigins.push(PARTNER_SITE)
    await seedCatalog(catalog)
  })

  it.each([
    ['202 accepted', () => postInquiry(validInquiry(), { origin: PARTNER_SITE }), 202],
    ['400 malformed JSON', () => postInquiry('{"partnerId":', { origin: PARTNER_SITE }), 400],
    [
      '413 too large',
      () =>
        postInquiry(validInquiry({ message: 'x'.repeat(MAX_INQUIRY_BYTES) }), {
          origin: PARTNER_SITE,
        }),
      413,
    ],
    [
      '415 not JSON',
      () => postInquiry('a=b', { origin: PARTNER_SITE, contentType: 'text/plain' }),
      415,
    ],
    [
      '422 invalid',
      () => postInquiry(validInquiry({ email: 'nope' }), { origin: PARTNER_SITE }),
      422,
    ],
    [
      '403 for a partner that does not allow this origin',
      () => postInquiry(validInquiry({ partnerId: 'demo-inactive' }), { origin: PARTNER_SITE }),
      403,
    ],
  ])('grants the partner origin on %s', async (_, send, status) => {
    const response = await send()
    expect(response.status).toBe(status)
    expect(readable(response, PARTNER_SITE)).toEqual({ granted: true, exposesRetryAfter: true })
    expect(response.headers.get('Vary')).toContain('Origin')
  })

  it('grants a 429 and exposes its Retry-After, so the family sees the wait', async () => {
    await inOneLimiterWindow(5_000)
    const ip = nextClientIp()
    let limited: Response | undefined
    for (let i = 0; i < 25 && limited === undefined; i++) {
      const response = await postInquiry(validInquiry(), { origin: PARTNER_SITE, ip })
      if (response.status === 429) limited = response
    }
    if (!limited) throw new Error('the limiter never answered 429')
    expect(readable(limited, PARTNER_SITE)).toEqual({ granted: true, exposesRetryAfter: true })
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
  }, 20_000)

  it('grants nothing to an origin no active partner allows, whatever the status', async () => {
    const stranger = 'https://stranger.example'
    for (const response of [
      await postInquiry(validInquiry(), { origin: stranger }),
      await postInquiry('{"partnerId":', { origin: stranger }),
      await postInquiry(validInquiry({ email: 'nope' }), { origin: stranger }),
    ]) {
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
      expect(response.headers.get('Access-Control-Expose-Headers')).toBeNull()
    }
    // demo-inactive allows the local origins too, but an inactive partner grants nothing.
    const catalog = sampleCatalog()
    for (const p of catalog.partners) p.allowedOrigins = p.active ? [] : [stranger]
    await seedCatalog(catalog)
    const inactiveOnly = await postInquiry(validInquiry(), { origin: stranger })
    expect(inactiveOnly.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('answers a preflight from the partner origin with the methods and headers it needs', async () => {
    const response = await call('/v1/inquiries', {
      method: 'OPTIONS',
      headers: {
        Origin: PARTNER_SITE,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      },
    })
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(PARTNER_SITE)
  })

  it('follows the partners’ origins from one catalog refresh to the next, in the same isolate', async () => {
    const granted = async () => {
      const response = await callRefreshingCatalog('/v1/inquiries', {
        method: 'OPTIONS',
        headers: { Origin: PARTNER_SITE, 'Access-Control-Request-Method': 'POST' },
      })
      return response.headers.get('Access-Control-Allow-Origin') === PARTNER_SITE
    }
    // Each change is published while the isolate holds a copy: the request that
    // finds its copy old starts the refresh, the next one sees the new catalog.
    const publishAndRefresh = async (
      change: (demo: { active: boolean; allowedOrigins: string[] }) => void,
    ) => {
      const catalog = sampleCatalog()
      const demo = catalog.partners.find((p) => p.id === 'demo')
      if (!demo) throw new Error('the sample catalog has the demo partner')
      change(demo)
      await publishCatalog(catalog)
      await granted()
      return granted()
    }
    expect(await granted()).toBe(true)
    expect(await publishAndRefresh(() => undefined)).toBe(false)
    expect(await publishAndRefresh((demo) => demo.allowedOrigins.push(PARTNER_SITE))).toBe(true)
    expect(
      await publishAndRefresh((demo) => {
        demo.allowedOrigins.push(PARTNER_SITE)
        demo.active = false
      }),
    ).toBe(false)
  })

  it('takes a request from the Worker’s own origin, which is the /embed frame', async () => {
    const response = await postInquiry(validInquiry(), { origin: 'https://worker.test' })
    expect(response.status).toBe(202)
  })
})
