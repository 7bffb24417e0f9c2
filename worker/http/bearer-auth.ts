import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../types.ts'
import { ApiError } from './api-error.ts'
import { logEvent } from './log.ts'
import { bearerToken, digestIn, sha256 } from './token-digest.ts'

interface BearerAuthOptions {
  /** The comma-separated list of valid tokens, read per request so a rotated secret applies at once. */
  tokens: (env: Env) => string | undefined
  realm: string
}

/** Digests of the configured tokens, compared with the candidate's digest in constant time. */
async function matchesAny(candidate: string, tokens: string[]): Promise<boolean> {
  return digestIn(await sha256(candidate), await Promise.all(tokens.map(sha256)))
}

function parseTokens(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean)
}

/** `Authorization: Bearer <token>` against a rotating list; 401 in the error shape otherwise. */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const challenge = `Bearer realm="${options.realm}"`
  return async function bearerAuthHandler(c, next) {
    const tokens = parseTokens(options.tokens(c.env))
    if (tokens.length === 0) logEvent('error', 'auth.no_tokens_configured', { path: c.req.path })
    const candidate = bearerToken(c.req.header('Authorization'))
    if (!candidate || !(await matchesAny(candidate, tokens))) {
      throw new ApiError(
        401,
        'unauthorized',
        candidate
          ? 'The bearer token is not valid.'
          : 'Send a coordinator token as "Authorization: Bearer <token>".',
        {
          headers: {
            'WWW-Authenticate': candidate ? `${challenge}, error="invalid_token"` : challenge,
          },
        },
      )
    }
    await next()
  }
}
