import { Hono } from 'hono'
import { jsonBody, jsonResponse, type Operations } from '../../shared/openapi/document.ts'
import { inquiryExample } from '../../shared/openapi/examples.ts'
import { Inquiry, type InquiryAccepted } from '../../shared/schemas/inquiry.ts'
import { TURNSTILE_ACTION, TURNSTILE_TOKEN_HEADER } from '../../shared/turnstile.ts'
import { catalogFor } from '../catalog/snapshot.ts'
import { fingerprint } from '../crypto/lead-cipher.ts'
import { receiptLink } from '../family/receipt.ts'
import { ApiError } from '../http/api-error.ts'
import { JSON_BODY_ERRORS, jsonBodyLimit, readJsonBody } from '../http/json-body.ts'
import { logEvent } from '../http/log.ts'
import { parseOrThrow } from '../http/validate.ts'
import { catalogReferenceIssues } from '../intake/catalog-refs.ts'
import {
  claimKey,
  inquiryIdForKey,
  KEY_PATTERN,
  readIdempotencyKey,
  releaseKey,
} from '../intake/idempotency.ts'
import { partnerCors } from '../intake/partner-cors.ts'
import { enforceClientLimit, enforcePartnerCeiling } from '../intake/rate-limit.ts'
import { withRegisteredCampaign } from '../intake/registered-campaign.ts'
import { verifyTurnstile } from '../intake/siteverify.ts'
import { apiKeyHolders, wayIn } from '../intake/way-in.ts'
import { sealInquiry } from '../queue/message.ts'
import type { AppEnv } from '../types.ts'

/** Far above any real inquiry (the longest fields total about 8 KB of UTF-8). */
export const MAX_INQUIRY_BYTES = 16 * 1024

const unavailable = (code: 'store_unavailable' | 'queue_unavailable', cause: unknown) =>
  new ApiError(
    code,
    'We could not take your request just now. Nothing was saved; please try again.',
    {
      cause,
      headers: { 'Retry-After': '5' },
    },
  )

export const inquiriesRoutes = new Hono<AppEnv>()
  .use(
    partnerCors({
      allowMethods: ['POST'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', TURNSTILE_TOKEN_HEADER],
      maxAgeSeconds: 600,
    }),
  )
  .post('/', jsonBodyLimit(MAX_INQUIRY_BYTES), async (c) => {
    const body = await readJsonBody(c)
    const rawPartnerId = (body as { partnerId?: unknown } | null)?.partnerId
    const catalog = await catalogFor(c)
    const keyHolders = await apiKeyHolders(c, catalog)
    // A partner's server, known by its key, answers to the partner's ceiling
    // alone: every family it forwards comes from its one address. Every other
    // request counts against its client's limit first, bad bodies and keys too.
    if (!keyHolders?.size) {
      await enforceClientLimit(
        c.env.INQUIRY_LIMITER,
        rawPartnerId,
        c.req.header('CF-Connecting-IP') ?? 'local',
      )
    }
    const partner =
      typeof rawPartnerId === 'string' ? catalog.partners.get(rawPartnerId) : undefined
    if (!partner?.active) {
      throw new ApiError('unknown_partner', 'This site is not an active clinic-compare partner.')
    }
    const way = wayIn(c, partner, keyHolders)

    const sent = parseOrThrow(Inquiry, body, {
      code: 'invalid_inquiry',
      message: 'Some fields need attention.',
    })
    const referenceIssues = catalogReferenceIssues(sent, catalog)
    if (referenceIssues.length > 0) {
      throw new ApiError('invalid_inquiry', 'Some fields need attention.', {
        issues: referenceIssues,
      })
    }

    const key = readIdempotencyKey(c.req.header('Idempotency-Key'))
    const receivedAt = Date.now()
    const id = key ? await inquiryIdForKey(partner.id, key) : crypto.randomUUID()
    if (way.kind !== 'api-key') {
      await verifyTurnstile(c.env, {
        token: way.turnstileToken,
        idempotencyKey: id,
        hostname: way.hostname,
        partnerId: partner.id,
      })
    }
    await enforcePartnerCeiling(c.env.PARTNER_INQUIRY_LIMITER, partner.id)
    // The fingerprint is of what was sent, so a retry matches even if the
    // partner's campaigns changed in between; what is sealed is what is kept.
    const canonical = JSON.stringify(sent)
    const inquiry = withRegisteredCampaign(sent, partner)
    const macFor = (version?: string) => fingerprint(c.env.LEADS_KEY, canonical, version)
    // A refused keyring is the operator's to fix: the family is told to try again, nothing is kept.
    const hash = key
      ? await macFor().catch((cause: unknown) => {
          throw unavailable('store_unavailable', cause)
        })
      : undefined
    let repeat = false
    if (hash) {
      const claim = await claimKey(c.env.LEADS, id, hash, receivedAt, macFor).catch(
        (cause: unknown) => {
          throw unavailable('store_unavailable', cause)
        },
      )
      if (claim.kind === 'conflict') {
        throw new ApiError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
        )
      }
      repeat = claim.kind === 'repeat'
    }

    let receipt: string
    try {
      // A repeat is sent again: the consumer stores each id once, and this
      // covers a first attempt whose send failed after its key was recorded.
      const message = await sealInquiry(c.env.LEADS_KEY, id, receivedAt, inquiry, {
        json: inquiry === sent ? canonical : undefined,
        formOrigin: c.req.header('Origin') ?? null,
      })
      receipt = await receiptLink(c.env.LEADS_KEY, new URL(c.req.url).origin, id, inquiry)
      await c.env.INQUIRIES.send(message, { contentType: 'json' })
    } catch (cause) {
      if (hash && !repeat) await releaseKey(c.env.LEADS, id, hash).catch(() => undefined)
      throw unavailable('queue_unavailable', cause)
    }
    logEvent('info', 'inquiry.accepted', { id, partner: partner.id, way: way.kind, repeat })
    const accepted: InquiryAccepted = { id, status: 'queued', receipt }
    return c.json(accepted, 202, repeat ? { 'Idempotent-Replayed': 'true' } : {})
  })

export const inquiriesOperations: Operations = {
  'POST /': {
    operationId: 'sendInquiry',
    security: ['turnstileToken', 'partnerApiKey'],
    summary: 'Send a family’s request for information about clinics',
    description: `Accepted requests are queued and stored once as a lead. The same Idempotency-Key with the same body returns the same id (and \`Idempotent-Replayed: true\`) and never makes a second lead; the same key with another body is refused with \`idempotency_key_reused\`. Bodies over ${MAX_INQUIRY_BYTES} bytes are refused.

Three ways in, none anonymous: (1) the request frame \`/embed/request\` on this Worker's origin, (2) a browser on one of the partner's allowed origins, both with a Cloudflare Turnstile token (action \`${TURNSTILE_ACTION}\`, cData the partner id) in the \`${TURNSTILE_TOKEN_HEADER}\` header, or (3) the partner's own server with its API key as \`Authorization: Bearer\`. No Origin and no key: 401; another partner's key: 403 \`forbidden\`; a missing or refused token: 403 \`challenge_failed\`.`,
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', pattern: KEY_PATTERN.source },
        description: 'One per form submission; reuse it when retrying that submission.',
      },
    ],
    requestBody: jsonBody('Inquiry', inquiryExample),
    responses: {
      202: jsonResponse('Queued', 'InquiryAccepted', {
        id: '0b7c1e9a-3f52-8d41-9a6e-2c4f1d8b7e30',
        status: 'queued',
        receipt:
          'https://worker.example/my-request?lang=es#0b7c1e9a-3f52-8d41-9a6e-2c4f1d8b7e30.v1.Qm9ndXMgZXhhbXBsZSBvbmx5LCBub3QgYSByZWFsIE1BQw',
      }),
    },
    errors: [
      ...JSON_BODY_ERRORS,
      'invalid_idempotency_key',
      'unauthorized',
      'forbidden',
      'rate_limited',
      'unknown_partner',
      'origin_not_allowed',
      'challenge_failed',
      'challenge_unavailable',
      'invalid_inquiry',
      'idempotency_key_reused',
      'catalog_unavailable',
      'store_unavailable',
      'queue_unavailable',
    ],
  },
}
