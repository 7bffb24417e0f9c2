import type { MiddlewareHandler } from 'hono'
import { catalogFor } from '../catalog/snapshot.ts'
import type { AppEnv } from '../types.ts'

export interface PartnerCorsOptions {
  allowMethods: string[]
  allowHeaders: string[]
  maxAgeSeconds: number
}

/**
 * CORS for inquiries, only for origins an active partner allows. A preflight
 * cannot name its partner (it has no body), so it is answered for any such
 * origin; the POST itself is checked against its own partner. Every answer to
 * such an origin carries CORS, whatever its status, so the widget can read a
 * 400, 413 or 429 and its Retry-After rather than see a network error.
 */
export function partnerCors(options: PartnerCorsOptions): MiddlewareHandler<AppEnv> {
  return async function partnerCors(c, next) {
    const origin = c.req.header('Origin')
    // An empty Origin names no site: it is refused without reading the catalog.
    const allowed =
      origin !== undefined && origin !== '' && (await catalogFor(c)).partnerOrigins.has(origin)

    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 204, { Vary: 'Origin' })
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': options.allowMethods.join(', '),
        'Access-Control-Allow-Headers': options.allowHeaders.join(', '),
        'Access-Control-Max-Age': String(options.maxAgeSeconds),
        Vary: 'Origin',
      })
    }
    await next()
    c.res.headers.append('Vary', 'Origin')
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin)
      c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed')
    }
  }
}
