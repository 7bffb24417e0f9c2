import {
  TURNSTILE_ACTION,
  TURNSTILE_TEST_SITE_KEYS,
  TURNSTILE_TOKEN_HEADER,
} from '../../shared/turnstile.ts'

/**
 * The tokens of the local Turnstile stand-in (scripts/lib/turnstile-standin.ts):
 * what the widget was rendered with, readable by the stand-in's siteverify, as
 * Cloudflare's own tokens are by Cloudflare's. Never accepted by the real
 * service. Plain Web APIs, so Worker tests (workerd) can make them too.
 */
export interface StandinClaims {
  hostname: string
  action: string
  cdata: string
  sitekey: string
}

const PREFIX = 'standin.'

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

export function standinToken(claims: StandinClaims, nonce = crypto.randomUUID()): string {
  return `${PREFIX}${toBase64Url(JSON.stringify({ ...claims, nonce }))}`
}

export function readStandinToken(token: string): StandinClaims | null {
  if (!token.startsWith(PREFIX)) return null
  try {
    const base64 = token.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/')
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<StandinClaims>
    const fields = [claims.hostname, claims.action, claims.cdata, claims.sitekey]
    if (!fields.every((f) => typeof f === 'string')) return null
    return claims as StandinClaims
  } catch {
    return null
  }
}

/**
 * The headers of a POST from the request frame of a local Worker at
 * `workerUrl`, with a fresh stand-in token for `partnerId`: what the tests and
 * the bench send to come in the frame's way, as a family's browser would.
 */
export function standinFrameHeaders(workerUrl: string, partnerId: string): Record<string, string> {
  const url = new URL(workerUrl)
  return {
    Origin: url.origin,
    [TURNSTILE_TOKEN_HEADER]: standinToken({
      hostname: url.hostname,
      action: TURNSTILE_ACTION,
      cdata: partnerId,
      sitekey: TURNSTILE_TEST_SITE_KEYS.alwaysPasses,
    }),
  }
}
