import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeEach, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/schemas/api.ts'
import { TURNSTILE_TEST_SECRET_KEYS, TURNSTILE_TOKEN_HEADER } from '../../shared/turnstile.ts'
import { app } from '../../worker/app.ts'
import { inquiryIdForKey } from '../../worker/intake/idempotency.ts'
import { DEMO_API_KEY, OTHER_API_KEY, seedCatalog } from './helpers/catalog.ts'
import { ORIGIN, WORKER_HOSTNAME } from './helpers/http.ts'
import {
  challengeToken,
  leadIds,
  nextClientIp,
  postInquiry,
  validInquiry,
  waitForLead,
} from './helpers/inquiry.ts'

const FRAME = `https://${WORKER_HOSTNAME}`

async function refused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  const body = v.parse(ErrorBody, await response.json())
  expect(body.error).toBe(code)
  expect(body.message.length).toBeGreaterThan(10)
  return body
}

/** Nothing of a refused request is kept: no key claimed, no lead. */
async function expectNothingStored(key: string) {
  const id = await inquiryIdForKey('demo', key)
  const claimed = await env.LEADS.prepare('SELECT 1 FROM idempotency_keys WHERE inquiry_id = ?1')
    .bind(id)
    .first()
  expect(claimed).toBeNull()
  expect(await leadIds()).not.toContain(id)
}

/** POST through the app with some variables replaced (another secret, siteverify away). */
async function postWith(vars: Partial<Env>, key: string): Promise<Response> {
  const ctx = createExecutionContext()
  const request = new Request(`${FRAME}/v1/inquiries`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: FRAME,
      'Idempotency-Key': key,
      'CF-Connecting-IP': nextClientIp(),
      [TURNSTILE_TOKEN_HEADER]: challengeToken('demo'),
    },
    body: JSON.stringify(validInquiry()),
  })
  const response = await app.fetch(request, { ...env, ...vars }, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

describe('the ways into POST /v1/inquiries', () => {
  beforeEach(() => seedCatalog())

  describe('a server, without Origin', () => {
    it('is refused with 401 and a Bearer challenge without a key, and nothing is stored', async () => {
      const response = await postInquiry(validInquiry(), { origin: null, key: 'no-key-1' })
      await refused(response, 401, 'unauthorized')
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer /)
      await expectNothingStored('no-key-1')
    })

    it('is refused with 401 for a key no partner holds', async () => {
      const response = await postInquiry(validInquiry(), {
        origin: null,
        key: 'bad-key-1',
        authorization: 'Bearer not-a-key-of-anyone-0123456789',
      })
      await refused(response, 401, 'unauthorized')
      expect(response.headers.get('WWW-Authenticate')).toContain('invalid_token')
      await expectNothingStored('bad-key-1')
    })

    it('is refused with 403 for another partner’s key', async () => {
      const response = await postInquiry(validInquiry(), {
        origin: null,
        key: 'other-key-1',
        authorization: `Bearer ${OTHER_API_KEY}`,
      })
      await refused(response, 403, 'forbidden')
      await expectNothingStored('other-key-1')
    })

    it('is accepted with the partner’s own key and becomes one lead', async () => {
      const response = await postInquiry(validInquiry(), {
        origin: null,
        key: 'server-1',
        authorization: `Bearer ${DEMO_API_KEY}`,
      })
      expect(response.status).toBe(202)
      const { id } = (await response.json()) as { id: string }
      await waitForLead(id)
    })
  })

  describe('a browser', () => {
    it('in the request frame (the Worker’s origin) with a token is accepted', async () => {
      const response = await postInquiry(validInquiry(), { origin: FRAME, key: 'frame-1' })
      expect(response.status).toBe(202)
    })

    it('on the partner’s own origin with a token is accepted, with CORS', async () => {
      const response = await postInquiry(validInquiry(), { key: 'partner-form-1' })
      expect(response.status).toBe(202)
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    })

    it('without a token is refused with 403 challenge_failed, readable by the page, nothing stored', async () => {
      const response = await postInquiry(validInquiry(), { key: 'no-token-1', turnstile: null })
      await refused(response, 403, 'challenge_failed')
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
      await expectNothingStored('no-token-1')
    })

    it('on the partner’s origin with a token issued to the frame is refused: a token names its page', async () => {
      const response = await postInquiry(validInquiry(), {
        key: 'frame-token-elsewhere-1',
        turnstile: challengeToken('demo', { hostname: WORKER_HOSTNAME }),
      })
      await refused(response, 403, 'challenge_failed')
      await expectNothingStored('frame-token-elsewhere-1')
    })

    it('on a forged Origin is refused, and the answer carries no CORS for it', async () => {
      const response = await postInquiry(validInquiry(), {
        origin: 'https://attacker.example',
        key: 'forged-1',
      })
      await refused(response, 403, 'origin_not_allowed')
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull()
      await expectNothingStored('forged-1')
    })

    it.each([
      ['another partner', challengeToken('demo-inactive')],
      ['another hostname', challengeToken('demo', { hostname: 'attacker.example' })],
      ['another action', challengeToken('demo', { action: 'login' })],
      ['a token Turnstile never issued', 'XXXX.DUMMY.TOKEN.XXXX'],
    ])('with a token for %s is refused with 403 challenge_failed', async (_, token) => {
      const response = await postInquiry(validInquiry(), {
        origin: FRAME,
        key: `token-${token.slice(-12)}`,
        turnstile: token,
      })
      await refused(response, 403, 'challenge_failed')
      await expectNothingStored(`token-${token.slice(-12)}`)
    })

    it('re-sending after a lost answer reuses its token and makes one lead; the token is refused for another request', async () => {
      const token = challengeToken('demo')
      const sent = { origin: FRAME, key: 'lost-answer-1', turnstile: token }
      const first = await postInquiry(validInquiry(), sent)
      expect(first.status).toBe(202)
      const again = await postInquiry(validInquiry(), sent)
      expect(again.status).toBe(202)
      expect(again.headers.get('Idempotent-Replayed')).toBe('true')
      const { id } = (await again.json()) as { id: string }
      await waitForLead(id)
      expect((await leadIds()).filter((lead) => lead === id)).toHaveLength(1)

      const reused = await postInquiry(validInquiry({ childAgeYears: 9 }), {
        origin: FRAME,
        key: 'lost-answer-2',
        turnstile: token,
      })
      await refused(reused, 403, 'challenge_failed')
      await expectNothingStored('lost-answer-2')
    })

    it('is refused when siteverify says the token fails (the always-fail test secret)', async () => {
      const response = await postWith(
        { TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRET_KEYS.alwaysFails },
        'secret-fails-1',
      )
      await refused(response, 403, 'challenge_failed')
      await expectNothingStored('secret-fails-1')
    })

    it('is refused when siteverify says the token is spent (the already-spent test secret)', async () => {
      const response = await postWith(
        { TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRET_KEYS.alreadySpent },
        'secret-spent-1',
      )
      await refused(response, 403, 'challenge_failed')
      await expectNothingStored('secret-spent-1')
    })

    it('gets 503 with Retry-After when siteverify does not answer, and nothing is stored', async () => {
      const response = await postWith(
        { TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/turnstile/v0/siteverify' },
        'verify-down-1',
      )
      await refused(response, 503, 'challenge_unavailable')
      expect(response.headers.get('Retry-After')).toBe('5')
      await expectNothingStored('verify-down-1')
    })

    it('does not spend a token on a body that needs fixing: the fixed body goes through with it', async () => {
      const token = challengeToken('demo')
      const bad = await postInquiry(validInquiry({ email: 'not-an-email' }), {
        origin: FRAME,
        key: 'fix-1',
        turnstile: token,
      })
      expect(bad.status).toBe(422)
      const fixed = await postInquiry(validInquiry(), {
        origin: FRAME,
        key: 'fix-2',
        turnstile: token,
      })
      expect(fixed.status).toBe(202)
    })
  })
})
