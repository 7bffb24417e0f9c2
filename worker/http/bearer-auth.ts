import type { MiddlewareHandler } from 'hono'
import type { ErrorCode } from '../../shared/errors.ts'
import { COORDINATOR_TOKEN_MIN_LENGTH } from '../../shared/schemas/leads-api.ts'
import type { AppEnv } from '../types.ts'
import { ApiError } from './api-error.ts'
import { logEvent } from './log.ts'
import { bearerToken } from './token-digest.ts'
import { type LabelledToken, labelled, labelOf, splitLabelledTokens } from './token-labels.ts'

interface BearerAuthOptions {
  /** The comma-separated list of valid tokens, read per request so a rotated secret applies at once. */
  tokens: (env: Env) => string | undefined
  realm: string
}

function splitTokens(list: string | undefined): string[] {
  return splitLabelledTokens(list).map((entry) => entry.token)
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
function parseTokens(list: string | undefined, path: string): Promise<LabelledToken[]> {
  const problem = tokensProblem(list)
  const key = list ?? ''
  if (problem && !reported.has(key)) {
    reported.add(key)
    logEvent('error', 'auth.tokens_refused', { problem, path })
  }
  return Promise.all(
    splitLabelledTokens(list)
      .filter((entry) => entry.token.length >= COORDINATOR_TOKEN_MIN_LENGTH)
      .map(labelled),
  )
}

/** What bearerAuth answers with, for the operations behind it. */
export const BEARER_AUTH_ERRORS = ['unauthorized'] as const satisfies readonly ErrorCode[]

/**
 * `Authorization: Bearer <token>` against a rotating list; 401 in the error
 * shape otherwise. The matching token's label is the request's `coordinator`.
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const challenge = `Bearer realm="${options.realm}"`
  return async function bearerAuthHandler(c, next) {
    const tokens = await parseTokens(options.tokens(c.env), c.req.path)
    const candidate = bearerToken(c.req.header('Authorization'))
    const label = candidate ? await labelOf(candidate, tokens) : undefined
    if (!candidate || label === undefined) {
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
    c.set('coordinator', label)
    await next()
  }
}
