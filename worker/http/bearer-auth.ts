import type { MiddlewareHandler } from 'hono'
import type { ErrorCode } from '../../shared/errors.ts'
import { COORDINATOR_TOKEN_MIN_LENGTH } from '../../shared/schemas/leads-api.ts'
import { sha256 } from '../crypto/sha256.ts'
import type { AppEnv } from '../types.ts'
import { ApiError } from './api-error.ts'
import { logEvent } from './log.ts'
import { bearerToken, digestIn } from './token-digest.ts'

interface BearerAuthOptions {
  /** The comma-separated list of valid tokens, read per request so a rotated secret applies at once. */
  tokens: (env: Env) => string | undefined
  realm: string
}

/** Digests of the configured tokens, compared with the candidate's digest in constant time. */
async function matchesAny(candidate: string, tokens: string[]): Promise<boolean> {
  return digestIn(await sha256(candidate), await Promise.all(tokens.map(sha256)))
}

function splitTokens(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean)
}

/** Why the token list is not (wholly) usable, or undefined; never names a token. */
export function tokensProblem(list: string | undefined): string | undefined {
  const tokens = splitTokens(list)
  if (tokens.length === 0) return 'no token is configured'
  const short = tokens.filter((token) => token.length < COORDINATOR_TOKEN_MIN_LENGTH).length
  return short > 0
    ? `${short} token(s) shorter than ${COORDINATOR_TOKEN_MIN_LENGTH} characters are refused`
    : undefined
}

/** Logged once per configured list, as the first request meets it. */
const reported = new Set<string>()

/** The tokens that may authenticate: a short one could be guessed, so it never does. */
function parseTokens(list: string | undefined, path: string): string[] {
  const problem = tokensProblem(list)
  const key = list ?? ''
  if (problem && !reported.has(key)) {
    reported.add(key)
    logEvent('error', 'auth.tokens_refused', { problem, path })
  }
  return splitTokens(list).filter((token) => token.length >= COORDINATOR_TOKEN_MIN_LENGTH)
}

/** What bearerAuth answers with, for the operations behind it. */
export const BEARER_AUTH_ERRORS = ['unauthorized'] as const satisfies readonly ErrorCode[]

/** `Authorization: Bearer <token>` against a rotating list; 401 in the error shape otherwise. */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const challenge = `Bearer realm="${options.realm}"`
  return async function bearerAuthHandler(c, next) {
    const tokens = parseTokens(options.tokens(c.env), c.req.path)
    const candidate = bearerToken(c.req.header('Authorization'))
    if (!candidate || !(await matchesAny(candidate, tokens))) {
      throw new ApiError(
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
