import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../types.ts'

/** A JSON answer is data, never a document: nothing in it may run, load or be framed. */
const JSON_CSP = "default-src 'none'; frame-ancestors 'none'"
/** Two years; no includeSubDomains or preload: the Worker's host does not own its parent domain's policy. */
const HSTS = 'max-age=63072000'

/**
 * Headers every answer of the Worker carries: `nosniff` on all, a
 * `default-src 'none'` CSP on JSON (HTML pages set their own), HSTS over
 * https. After the handler and onError, so error answers carry them too.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    const type = c.res.headers.get('Content-Type') ?? ''
    if (type.startsWith('application/json') || type.startsWith('application/problem+json'))
      c.header('Content-Security-Policy', JSON_CSP)
    if (new URL(c.req.url).protocol === 'https:') c.header('Strict-Transport-Security', HSTS)
  }
}
