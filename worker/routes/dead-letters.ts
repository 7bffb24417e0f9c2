import { Hono } from 'hono'
import {
  jsonBody,
  jsonResponse,
  type Operations,
  queryParameters,
} from '../../shared/openapi/document.ts'
import {
  DEAD_LETTERS_LIST_MAX,
  DeadLettersQuery,
  ReplayRequest,
} from '../../shared/schemas/leads-api.ts'
import { ApiError } from '../http/api-error.ts'
import { BEARER_AUTH_ERRORS } from '../http/bearer-auth.ts'
import { COORDINATOR_MAX_BODY_BYTES } from '../http/coordinator-only.ts'
import { JSON_BODY_ERRORS, jsonBodyLimit, readJsonBody } from '../http/json-body.ts'
import { parseOrThrow } from '../http/validate.ts'
import { listDeadLetters, replayDeadLetters } from '../leads/dead-letters.ts'
import type { AppEnv } from '../types.ts'

/** Operators' view of messages intake could not store. Mounted behind coordinatorOnly (see app.ts). */
export const deadLettersRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const query = parseOrThrow(DeadLettersQuery, c.req.query(), {
      code: 'invalid_query',
      message: 'Use status=pending or status=all.',
    })
    return c.json(await listDeadLetters(c.env.LEADS, query.status))
  })
  .post('/replay', jsonBodyLimit(COORDINATOR_MAX_BODY_BYTES), async (c) => {
    const request = parseOrThrow(ReplayRequest, await readJsonBody(c), {
      code: 'invalid_replay',
      message: 'The replay request is not valid.',
    })
    const result = await replayDeadLetters(c.env, request.ids)
    // Nothing went and the queue refused: it is down, not one letter at fault.
    if (result.replayed.length === 0 && result.failed.length > 0) {
      throw new ApiError(
        'queue_unavailable',
        'The queue did not accept the messages; nothing was marked replayed. Try again.',
        { headers: { 'Retry-After': '30' } },
      )
    }
    return c.json(result)
  })

export const deadLettersOperations: Operations = {
  'GET /': {
    operationId: 'listDeadLetters',
    summary: 'Messages intake could not store (ids and reasons, never bodies)',
    security: 'coordinatorToken',
    parameters: queryParameters(DeadLettersQuery.entries),
    responses: {
      200: jsonResponse(`Oldest first, at most ${DEAD_LETTERS_LIST_MAX}`, 'DeadLettersResponse'),
    },
    errors: [...BEARER_AUTH_ERRORS, 'invalid_query'],
  },
  'POST /replay': {
    operationId: 'replayDeadLetters',
    summary: 'Send dead letters back to the INQUIRIES queue',
    description: `Sent in batches within Queues' limits (100 messages, 256 KB); a letter the queue refuses is listed in \`failed\` and stays pending, and \`remaining\` counts what is still pending. The consumer stores leads by inquiry id, so a replay never makes a second lead. Replayed dead letters are purged by the next retention run. Bodies over ${COORDINATOR_MAX_BODY_BYTES} bytes are refused.`,
    security: 'coordinatorToken',
    requestBody: jsonBody('ReplayRequest'),
    responses: { 200: jsonResponse('What was replayed', 'ReplayResponse') },
    errors: [...BEARER_AUTH_ERRORS, ...JSON_BODY_ERRORS, 'invalid_replay', 'queue_unavailable'],
  },
}
