import { Hono } from 'hono'
import { AckRequest, PullRequest, type PullResponse } from '../../shared/schemas/leads-api.ts'
import { jsonBodyLimit, readJsonBody } from '../http/json-body.ts'
import { parseOrThrow } from '../http/validate.ts'
import { ackLeases } from '../leads/ack.ts'
import { pullLeads } from '../leads/pull.ts'
import type { AppEnv } from '../types.ts'

/** Pull, ack and replay bodies are small; anything larger is not one of them. */
const MAX_BODY_BYTES = 64 * 1024

/** Mounted behind coordinator auth (see app.ts). Answers hold personal data: never cached. */
export const leadsRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  })
  .use(jsonBodyLimit(MAX_BODY_BYTES))
  .post('/pull', async (c) => {
    const request = parseOrThrow(PullRequest, await readJsonBody(c), {
      code: 'invalid_pull',
      message: 'The pull request is not valid.',
    })
    const result: PullResponse = await pullLeads(c.env, request)
    return c.json(result)
  })
  .post('/ack', async (c) => {
    const request = parseOrThrow(AckRequest, await readJsonBody(c), {
      code: 'invalid_ack',
      message: 'The ack request is not valid.',
    })
    return c.json(await ackLeases(c.env.LEADS, request))
  })
