import type { Context } from 'hono'
import { Hono } from 'hono'
import { jsonBody, jsonResponse, type Operations } from '../../shared/openapi/document.ts'
import { RATE_LIMIT_PERIOD_SECONDS } from '../../shared/rate-limits.ts'
import { ReceiptRequest, type Withdrawal } from '../../shared/schemas/my-request.ts'
import { catalogFor } from '../catalog/snapshot.ts'
import { KeyringError } from '../crypto/lead-cipher.ts'
import { openReceipt } from '../family/receipt.ts'
import { viewRequest } from '../family/view.ts'
import { logRightsRequest, withdraw, withdrawnAt } from '../family/withdraw.ts'
import { ApiError } from '../http/api-error.ts'
import { JSON_BODY_ERRORS, jsonBodyLimit, readJsonBody } from '../http/json-body.ts'
import { logEvent } from '../http/log.ts'
import { parseOrThrow } from '../http/validate.ts'
import type { AppEnv } from '../types.ts'

const MAX_BODY_BYTES = 1024

/**
 * The inquiry id of the posted receipt. Every post counts against the
 * client's limit first, so guesses are slow; the secret is compared in
 * constant time (worker/family/receipt.ts) and never logged.
 */
async function receiptId(c: Context<AppEnv>): Promise<string> {
  const { success } = await c.env.RECEIPT_LIMITER.limit({
    key: c.req.header('CF-Connecting-IP') ?? 'local',
  })
  if (!success) {
    throw new ApiError('rate_limited', 'Too many tries from here. Please wait a minute.', {
      headers: { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) },
    })
  }
  const { receipt } = parseOrThrow(ReceiptRequest, await readJsonBody(c), {
    code: 'invalid_receipt_request',
    message: 'Send the receipt from your link.',
  })
  const id = await openReceipt(c.env.LEADS_KEY, receipt)
  if (!id) {
    logEvent('warn', 'receipt.refused')
    throw new ApiError('unknown_receipt', 'This link is not valid. Check that it was copied whole.')
  }
  return id
}

/**
 * The family's own view of its request, reached with the receipt secret
 * its page posts (never in a URL the server sees). Same origin as the
 * receipt page, so no CORS; answers are never cached.
 */
export const myRequestRoutes = new Hono<AppEnv>()
  .use(jsonBodyLimit(MAX_BODY_BYTES))
  .use(async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  .post('/', async (c) => {
    const id = await receiptId(c)
    const gone = await withdrawnAt(c.env.LEADS, id)
    if (gone !== undefined) {
      throw new ApiError(
        'request_withdrawn',
        `This request was deleted on ${new Date(gone).toISOString()}.`,
      )
    }
    const now = Date.now()
    // Names only: the family still sees its request when the catalog cannot be read.
    const catalog = await catalogFor(c).catch(() => undefined)
    const nameOf = (clinicId: string) => catalog?.byId.get(clinicId)?.name
    const view = await viewRequest(c.env, id, nameOf).catch((error: unknown) => {
      if (!(error instanceof KeyringError)) throw error
      throw new ApiError(
        'leads_key_unusable',
        'Your request cannot be opened just now. Please try again later.',
        { cause: error },
      )
    })
    await logRightsRequest(c.env.LEADS, id, 'access', 'receipt', now).run()
    logEvent('info', 'receipt.viewed', { id, status: view.status })
    return c.json(view)
  })
  .post('/delete', async (c) => {
    const id = await receiptId(c)
    const { withdrawnAt: at, recipients } = await withdraw(c.env.LEADS, id, 'receipt')
    logEvent('info', 'request.withdrawn', { id, via: 'receipt', recipients: recipients.length })
    const answer: Withdrawal = {
      id,
      status: 'withdrawn',
      withdrawnAt: new Date(at).toISOString(),
      recipientsToNotify: recipients,
    }
    return c.json(answer)
  })

const RECEIPT_ERRORS = [
  ...JSON_BODY_ERRORS,
  'rate_limited',
  'invalid_receipt_request',
  'unknown_receipt',
] as const

export const myRequestOperations: Operations = {
  'POST /': {
    operationId: 'viewMyRequest',
    summary: 'A family sees what is kept about its request, with its receipt',
    description:
      'The receipt is the secret of the link the family got when it sent the request (`/my-request#SECRET`); the page posts it. Answers the request as stored (or `queued` while it is on its way), its consent record and which coordinators received it. Each view is logged as an access request. Every post counts against a per-client limit.',
    requestBody: jsonBody('ReceiptRequest'),
    responses: { 200: jsonResponse('What is kept', 'MyRequestView') },
    errors: [...RECEIPT_ERRORS, 'request_withdrawn', 'leads_key_unusable'],
  },
  'POST /delete': {
    operationId: 'deleteMyRequest',
    summary: 'A family deletes its request, with its receipt',
    description:
      'The lead is locked and its ciphertext deleted at once; a copy still queued or among the dead letters never becomes a lead, nor does a repeat with the same Idempotency-Key. Coordinators who received it find its id in `deletions` on their next pull. Repeating a deletion answers the first one’s time.',
    requestBody: jsonBody('ReceiptRequest'),
    responses: { 200: jsonResponse('Deleted', 'Withdrawal') },
    errors: RECEIPT_ERRORS,
  },
}
