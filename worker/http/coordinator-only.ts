import type { MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import type { AppEnv } from '../types.ts'
import { bearerAuth } from './bearer-auth.ts'

/** Pull, ack and replay bodies are small; anything larger is not one of them. */
export const COORDINATOR_MAX_BODY_BYTES = 64 * 1024

/**
 * In front of every coordinator and operator path (leads, dead letters,
 * reports): their bearer token, and answers no cache may keep, since they
 * hold personal data or live queue state. No CORS on these paths, so no
 * browser page can call them.
 */
export function coordinatorOnly(): MiddlewareHandler<AppEnv> {
  const auth = bearerAuth({ tokens: (env) => env.COORDINATOR_TOKENS, realm: 'leads' })
  return every(async function noStore(c, next) {
    await next()
    c.header('Cache-Control', 'no-store')
  }, auth)
}
