import { Hono } from 'hono'
import { jsonBody, jsonResponse, type Operations } from '../../shared/openapi/document.ts'
import { ForgetRequest, type ForgetResponse } from '../../shared/schemas/rights.ts'
import { emailMacs } from '../family/email-mac.ts'
import { rightsLog } from '../family/rights-log.ts'
import { withdraw } from '../family/withdraw.ts'
import { BEARER_AUTH_ERRORS } from '../http/bearer-auth.ts'
import { COORDINATOR_MAX_BODY_BYTES } from '../http/coordinator-only.ts'
import { JSON_BODY_ERRORS, jsonBodyLimit, readJsonBody } from '../http/json-body.ts'
import { logEvent } from '../http/log.ts'
import { parseOrThrow } from '../http/validate.ts'
import type { AppEnv } from '../types.ts'

/** The lead ids stored with this address (by its keyed HMAC under every key version still held). */
async function idsForEmail(env: Env, email: string): Promise<string[]> {
  const { results } = await env.LEADS.prepare(
    'SELECT id FROM leads WHERE email_mac IN (SELECT value FROM json_each(?1)) ORDER BY received_at',
  )
    .bind(JSON.stringify(await emailMacs(env.LEADS_KEY, email)))
    .run<{ id: string }>()
  return results.map((row) => row.id)
}

/** Mounted behind coordinatorOnly (see app.ts): a coordinator serves a family who asked by email. */
export const rightsRoutes = new Hono<AppEnv>()
  .use(jsonBodyLimit(COORDINATOR_MAX_BODY_BYTES))
  .post('/forget', async (c) => {
    const request = parseOrThrow(ForgetRequest, await readJsonBody(c), {
      code: 'invalid_rights_request',
      message: 'Send either {"id"} or {"email"}.',
    })
    const ids = 'id' in request ? [request.id] : await idsForEmail(c.env, request.email)
    const via = `coordinator:${c.get('coordinator')}` as const
    const answer: ForgetResponse = { withdrawn: [] }
    for (const id of ids) {
      const done = await withdraw(c.env.LEADS, id, via)
      logEvent('info', 'request.withdrawn', { id, via, recipients: done.recipients.length })
      answer.withdrawn.push({
        id,
        withdrawnAt: new Date(done.withdrawnAt).toISOString(),
        recipientsToNotify: done.recipients,
      })
    }
    return c.json(answer)
  })
  .get('/', async (c) => c.json(await rightsLog(c.env.LEADS)))

export const rightsOperations: Operations = {
  'POST /forget': {
    operationId: 'forgetRequest',
    summary: 'Withdraw a family’s request it asked for by email, by id or by address',
    description:
      'As the family’s own deletion: the lead is locked and its ciphertext deleted, no copy ever becomes a lead again, and coordinators who received it find it in `deletions`. By address, every request whose keyed HMAC of the normalised address matches (the address is never stored in clear). No CORS.',
    security: 'coordinatorToken',
    requestBody: jsonBody('ForgetRequest'),
    responses: { 200: jsonResponse('What was withdrawn', 'ForgetResponse') },
    errors: [...BEARER_AUTH_ERRORS, ...JSON_BODY_ERRORS, 'invalid_rights_request'],
  },
  'GET /': {
    operationId: 'listRightsRequests',
    summary: 'The log of access and deletion requests, with their age and reach',
    description:
      'Newest first, at most 1,000. A deletion is complete once every coordinator that had received the lead acknowledged deleting its copies.',
    security: 'coordinatorToken',
    responses: { 200: jsonResponse('The log', 'RightsResponse') },
    errors: [...BEARER_AUTH_ERRORS],
  },
}
