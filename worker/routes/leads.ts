import { Hono } from 'hono'
import { jsonBody, jsonResponse, type Operations } from '../../shared/openapi/document.ts'
import {
  AckRequest,
  PULL_BATCH_SIZE_DEFAULT,
  PULL_BATCH_SIZE_MAX,
  PullRequest,
  type PullResponse,
  VISIBILITY_TIMEOUT_MS_DEFAULT,
  VISIBILITY_TIMEOUT_MS_MAX,
  VISIBILITY_TIMEOUT_MS_MIN,
} from '../../shared/schemas/leads-api.ts'
import { BEARER_AUTH_ERRORS } from '../http/bearer-auth.ts'
import { COORDINATOR_MAX_BODY_BYTES } from '../http/coordinator-only.ts'
import { JSON_BODY_ERRORS, jsonBodyLimit, readJsonBody } from '../http/json-body.ts'
import { parseOrThrow } from '../http/validate.ts'
import { ackLeases } from '../leads/ack.ts'
import { pullLeads } from '../leads/pull.ts'
import type { AppEnv } from '../types.ts'

/** Mounted behind coordinatorOnly (see app.ts): answers hold personal data, never cached. */
export const leadsRoutes = new Hono<AppEnv>()
  .use(jsonBodyLimit(COORDINATOR_MAX_BODY_BYTES))
  .post('/pull', async (c) => {
    const request = parseOrThrow(PullRequest, await readJsonBody(c), {
      code: 'invalid_pull',
      message: 'The pull request is not valid.',
    })
    const result: PullResponse = await pullLeads(c.env, c.get('coordinator'), request)
    return c.json(result)
  })
  .post('/ack', async (c) => {
    const request = parseOrThrow(AckRequest, await readJsonBody(c), {
      code: 'invalid_ack',
      message: 'The ack request is not valid.',
    })
    return c.json(await ackLeases(c.env.LEADS, c.get('coordinator'), request))
  })

export const leadsOperations: Operations = {
  'POST /pull': {
    operationId: 'pullLeads',
    summary: 'Lease a batch of leads, oldest first, with the personal fields decrypted',
    description: `Shaped like a Cloudflare Queues HTTP pull consumer. batchSize 1 to ${PULL_BATCH_SIZE_MAX} (default ${PULL_BATCH_SIZE_DEFAULT}). visibilityTimeoutMs ${VISIBILITY_TIMEOUT_MS_DEFAULT} by default, ${VISIBILITY_TIMEOUT_MS_MIN} to ${VISIBILITY_TIMEOUT_MS_MAX}: the leads stay hidden from other pulls until acked or until it passes, then come back with attempts one higher. Leads that cannot be decrypted are left out, counted in skipped, and parked. Each lead carries its consent record and \`sharing\` (\`do-not-share-with-clinics\` unless the family agreed). \`deletions\` lists the leads this token received that their families withdrew since: delete them, then acknowledge with \`deletions\` in an ack. Every pull and ack is recorded in the read log under the token's label. Bodies over ${COORDINATOR_MAX_BODY_BYTES} bytes are refused. No CORS.`,
    security: 'coordinatorToken',
    requestBody: jsonBody('PullRequest'),
    responses: { 200: jsonResponse('The leased leads (maybe none)', 'PullResponse') },
    errors: [...BEARER_AUTH_ERRORS, ...JSON_BODY_ERRORS, 'invalid_pull', 'leads_key_unusable'],
  },
  'POST /ack': {
    operationId: 'ackLeads',
    summary: 'Acknowledge handled leads, or give leases back for a later retry',
    description: `Idempotent, and safe to send again when an answer is lost: \`acked\` counts the named leases whose leads are acknowledged, by this request or an earlier one, and \`deletionsAcked\` the named deletions this token has acknowledged, so a repeat answers as the first try did. A lease whose visibility timeout passed counts nothing (its lead may already be leased to someone else). A lease in both acks and retries is acked. \`deletions\` acknowledges withdrawn leads this token has deleted from its copies. Bodies over ${COORDINATOR_MAX_BODY_BYTES} bytes are refused. No CORS.`,
    security: 'coordinatorToken',
    requestBody: jsonBody('AckRequest'),
    responses: { 200: jsonResponse('How many leases counted', 'AckResponse') },
    errors: [...BEARER_AUTH_ERRORS, ...JSON_BODY_ERRORS, 'invalid_ack'],
  },
}
