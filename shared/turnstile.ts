/**
 * Cloudflare Turnstile as the request frame and intake use it: one widget
 * (the Worker's hostname) for every partner, the partner named in `cData`.
 * Valibot-free, so the widget may import it.
 */

/** The action the frame renders with and intake requires in siteverify's answer. */
export const TURNSTILE_ACTION = 'inquiry'

/** The header that carries the token: not in the body, so a retry's new token is the same request. */
export const TURNSTILE_TOKEN_HEADER = 'CF-Turnstile-Response'

/** Cloudflare documents tokens of up to 2048 characters. */
export const TURNSTILE_TOKEN_MAX_LENGTH = 2048

/**
 * Cloudflare's documented test keys
 * (https://developers.cloudflare.com/turnstile/troubleshooting/testing/).
 * Local runs and tests use them; staging and production refuse them.
 */
export const TURNSTILE_TEST_SITE_KEYS = {
  alwaysPasses: '1x00000000000000000000AA',
  alwaysFails: '2x00000000000000000000AB',
  invisiblePasses: '1x00000000000000000000BB',
  invisibleFails: '2x00000000000000000000BB',
} as const

export const TURNSTILE_TEST_SECRET_KEYS = {
  alwaysPasses: '1x0000000000000000000000000000000AA',
  alwaysFails: '2x0000000000000000000000000000000AA',
  alreadySpent: '3x0000000000000000000000000000000AA',
} as const

export function isTurnstileTestKey(key: string): boolean {
  return (
    (Object.values(TURNSTILE_TEST_SITE_KEYS) as string[]).includes(key) ||
    (Object.values(TURNSTILE_TEST_SECRET_KEYS) as string[]).includes(key)
  )
}

/** Where Cloudflare serves the client script and siteverify; only the local environment points elsewhere. */
export const TURNSTILE_SCRIPT_URL = 'https://challenges.cloudflare.com/turnstile/v0/api.js'
export const TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'
