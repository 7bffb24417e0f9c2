import type { Context } from 'hono'
import type { Partner } from '../../shared/schemas/partner.ts'
import { TURNSTILE_TOKEN_HEADER, TURNSTILE_TOKEN_MAX_LENGTH } from '../../shared/turnstile.ts'
import { partnersHolding } from '../catalog/partner-secrets.ts'
import type { CatalogSnapshot } from '../catalog/snapshot.ts'
import { ApiError } from '../http/api-error.ts'
import { bearerToken } from '../http/token-digest.ts'
import type { AppEnv } from '../types.ts'
import { challengeFailed } from './siteverify.ts'

const CHALLENGE = 'Bearer realm="inquiries"'

/**
 * How a request came in: the three ways, none anonymous.
 * - `frame`: the request frame (`/embed/request`, this Worker's origin), with a Turnstile token.
 * - `partner-origin`: a browser on one of the partner's allowed origins (its own form), with a Turnstile token.
 * - `api-key`: the partner's own server, with the partner's API key.
 */
export type WayIn =
  | {
      kind: 'frame' | 'partner-origin'
      turnstileToken: string
      /**
       * The hostname Turnstile must have issued the token on: the page's
       * (the Worker's own for the frame, the partner's for its own form).
       */
      hostname: string
    }
  | { kind: 'api-key' }

/**
 * The partners holding the request's API key: undefined without an
 * `Authorization` header, empty for a key no partner holds.
 */
export async function apiKeyHolders(
  c: Context<AppEnv>,
  catalog: CatalogSnapshot,
): Promise<Set<string> | undefined> {
  const authorization = c.req.header('Authorization')
  if (authorization === undefined) return undefined
  const key = bearerToken(authorization)
  return key
    ? partnersHolding(catalog.partners.values(), key, (p) => p.apiKeySha256)
    : new Set<string>()
}

/**
 * Which way a request came in, or the error that tells its sender how to come
 * in. Only a key or a token's presence is checked here (cheap, before the body
 * is validated); the token itself is verified once the body is known to be
 * good, so a family fixing a field does not spend it.
 */
export function wayIn(
  c: Context<AppEnv>,
  partner: Partner,
  keyHolders: Set<string> | undefined,
): WayIn {
  if (keyHolders !== undefined) {
    if (keyHolders.size === 0) {
      throw new ApiError('unauthorized', 'The API key is not valid.', {
        headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
      })
    }
    if (!keyHolders.has(partner.id)) {
      throw new ApiError('forbidden', 'This API key sends requests for another partner.')
    }
    return { kind: 'api-key' }
  }

  const origin = c.req.header('Origin')
  // Browsers always send Origin on POST (`null` from a sandbox or a file: a
  // browser still, refused below); without it this is a server, which needs a key.
  if (origin === undefined || origin === '') {
    throw new ApiError(
      'unauthorized',
      'Send requests from the partner’s page, or from its server with its API key as "Authorization: Bearer <key>".',
      { headers: { 'WWW-Authenticate': CHALLENGE } },
    )
  }
  const kind =
    origin === new URL(c.req.url).origin
      ? 'frame'
      : partner.allowedOrigins.includes(origin)
        ? 'partner-origin'
        : undefined
  if (kind === undefined) {
    throw new ApiError('origin_not_allowed', 'This partner does not allow requests from this site.')
  }
  const token = c.req.header(TURNSTILE_TOKEN_HEADER) ?? ''
  if (token === '' || token.length > TURNSTILE_TOKEN_MAX_LENGTH) throw challengeFailed()
  return { kind, turnstileToken: token, hostname: new URL(origin).hostname }
}
