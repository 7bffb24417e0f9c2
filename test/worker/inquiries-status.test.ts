import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeEach, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/schemas/api.ts'
import { InquiryAccepted } from '../../shared/schemas/inquiry.ts'
import { TURNSTILE_TOKEN_HEADER } from '../../shared/turnstile.ts'
import { app } from '../../worker/app.ts'
import { inquiryIdForKey } from '../../worker/intake/idempotency.ts'
import { DEMO_API_KEY, seedCatalog } from './helpers/catalog.ts'
import { call, ORIGIN } from './helpers/http.ts'
import {
  challengeToken,
  leadIds,
  nextClientIp,
  postInquiry,
  validInquiry,
} from './helpers/inquiry.ts'
import { inOneLimiterWindow } from './helpers/limiter-window.ts'

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  const body = v.parse(ErrorBody, await response.json())
  expect(body.error).toBe(code)
  expect(body.message.length).toBeGreaterThan(10)
  return body
}

/** Sends a keyed inquiry through the app with some bindings replaced by faulty ones. */
async function postWithFaults(faults: Partial<Env>, key: string): Promise<Response> {
  const ctx = createExecutionContext()
  const request = new Request('https://worker.test/v1/inquiries', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: ORIGIN,
      'Idempotency-Key': key,
      [TURNSTILE_TOKEN_HEADER]: challengeToken('demo', { hostname: new URL(ORIGIN).hostname }),
    },
    body: JSON.stringify(validInquiry()),
  })
  const response = await app.fetch(request, { ...env, ...faults }, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

describe('POST /v1/inquiries', () => {
  beforeEach(() => seedCatalog())

  it('accepts a valid inquiry with 202 and an id, with CORS for the partner origin', async () => {
    const response = await postInquiry(validInquiry())
    expect(response.status).toBe(202)
    const body = v.parse(InquiryAccepted, await response.json())
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
  })

  it('accepts a request without Origin from the partner’s server, with its API key', async () => {
    const response = await postInquiry(validInquiry(), {
      origin: null,
      authorization: `Bearer ${DEMO_API_KEY}`,
    })
    expect(response.status).toBe(202)
  })

  it('answers malformed JSON with 400', async () => {
    await expectError(await postInquiry('{"partnerId": "demo",'), 400, 'malformed_json')
  })

  it('answers a body that is not JSON with 415', async () => {
    const response = await postInquiry('partnerId=demo', {
      contentType: 'application/x-www-form-urlencoded',
    })
    await expectError(response, 415, 'unsupported_media_type')
  })

  it('answers a body over the limit with 413 before reading it as JSON', async () => {
    const huge = JSON.stringify(validInquiry({ message: 'x'.repeat(20_000) }))
    await expectError(await postInquiry(huge), 413, 'payload_too_large')
  })

  it('answers an over-limit body sent without Content-Length with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(4096))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await call('/v1/inquiries', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClientIp() },
      body: stream,
    })
    await expectError(response, 413, 'payload_too_large')
  })

  it.each([
    ['an unknown partner', { partnerId: 'nobody' }],
    ['an inactive partner', { partnerId: 'demo-inactive' }],
    ['no partner at all', { partnerId: undefined }],
  ])('answers %s with 403', async (_, overrides) => {
    await expectError(await postInquiry(validInquiry(overrides)), 403, 'unknown_partner')
  })

  it('answers an Origin the partner does not allow with 403 and no CORS grant', async () => {
    const response = await postInquiry(validInquiry(), { origin: 'https://elsewhere.example' })
    await expectError(response, 403, 'origin_not_allowed')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('rejects an inquiry without consent with 422 naming the field', async () => {
    const body = await expectError(
      await postInquiry({ ...validInquiry(), consent: false }),
      422,
      'invalid_inquiry',
    )
    expect(body.issues).toContainEqual({
      path: 'consent',
      message: 'Consent is needed to send your request',
    })
  })

  it('lists every invalid field in issues', async () => {
    const body = await expectError(
      await postInquiry({
        ...validInquiry(),
        email: 'not-an-email',
        clinicIds: ['a', 'b', 'c', 'd'],
        preScreen: { activeInfection: 'maybe' },
        childAgeYears: 'six',
        website: 'http://spam.example',
        extra: true,
      }),
      422,
      'invalid_inquiry',
    )
    const paths = body.issues?.map((i) => i.path) ?? []
    for (const path of [
      'email',
      'clinicIds',
      'preScreen.activeInfection',
      'childAgeYears',
      'website',
      'extra',
    ]) {
      expect(paths).toContain(path)
    }
  })

  it.each(['ZZ', 'XX', 'mx', 'MEX', ''])('refuses the country code "%s"', async (country) => {
    const body = await expectError(
      await postInquiry(validInquiry({ country })),
      422,
      'invalid_inquiry',
    )
    expect(new Set(body.issues?.map((i) => i.path))).toEqual(new Set(['country']))
  })

  it('requires a phone number for WhatsApp contact', async () => {
    const body = await expectError(
      await postInquiry(validInquiry({ contactChannel: 'whatsapp', phone: undefined })),
      422,
      'invalid_inquiry',
    )
    expect(body.issues?.map((i) => i.path)).toEqual(['phone'])
  })

  it('rejects clinics and packages that are not in the catalog', async () => {
    const body = await expectError(
      await postInquiry(
        validInquiry({
          clinicIds: ['aurora-tijuana', 'ghost-clinic'],
          packageIds: ['brisa-basic'],
        }),
      ),
      422,
      'invalid_inquiry',
    )
    expect(body.issues?.map((i) => i.path)).toEqual(['clinicIds.1', 'packageIds.0'])
  })

  it('answers 429 with Retry-After once a client passes the limit, per partner and client', async () => {
    await inOneLimiterWindow(5_000)
    const ip = nextClientIp()
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) statuses.push((await postInquiry(validInquiry(), { ip })).status)
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true)
    const limited = await postInquiry(validInquiry(), { ip })
    await expectError(limited, 429, 'rate_limited')
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await postInquiry(validInquiry(), { ip: nextClientIp() })).status).toBe(202)
  }, 20_000)

  it('answers 503 with Retry-After when the queue refuses, and stores nothing', async () => {
    const failingQueue = {
      send: () => Promise.reject(new Error('queue down')),
      sendBatch: () => Promise.reject(new Error('queue down')),
    } as unknown as Queue
    const response = await postWithFaults({ INQUIRIES: failingQueue }, 'queue-down-1')
    await expectError(response, 503, 'queue_unavailable')
    expect(response.headers.get('Retry-After')).toBe('5')
    const keys = await env.LEADS.prepare(
      'SELECT count(*) AS n FROM idempotency_keys',
    ).first<number>('n')
    expect(keys).toBe(0)
    // Give a stray message time to be consumed, if one had been sent.
    await new Promise((r) => setTimeout(r, 1500))
    expect(await leadIds()).not.toContain(await inquiryIdForKey('demo', 'queue-down-1'))
  })

  it('answers 503 when the idempotency store is down, and queues nothing', async () => {
    const sent: unknown[] = []
    const recordingQueue = { send: (body: unknown) => sent.push(body) } as unknown as Queue
    const downD1 = {
      prepare: () => {
        throw new Error('D1_ERROR: unavailable')
      },
    } as unknown as D1Database
    const response = await postWithFaults({ LEADS: downD1, INQUIRIES: recordingQueue }, 'd1-down-1')
    await expectError(response, 503, 'store_unavailable')
    expect(sent).toEqual([])
  })
})

describe('OPTIONS /v1/inquiries (preflight)', () => {
  beforeEach(() => seedCatalog())

  function preflight(origin: string) {
    return call('/v1/inquiries', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      },
    })
  }

  it('allows a partner origin to send JSON with an Idempotency-Key', async () => {
    const response = await preflight(ORIGIN)
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect(response.headers.get('Access-Control-Allow-Headers')).toContain('Idempotency-Key')
  })

  it('grants nothing to an origin no partner allows', async () => {
    const response = await preflight('https://elsewhere.example')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })
})
