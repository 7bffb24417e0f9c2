// Cloudflare Turnstile in the request frame: loaded when the form opens (the
// frame itself is made only then), rendered explicitly into the page's
// challenge container with our action and the partner as cData, and asked for
// a token when the family presses Send.
import { TURNSTILE_ACTION } from '../../../shared/turnstile.ts'
import type { Lang } from '../common/lang.ts'

interface TurnstileApi {
  render(container: HTMLElement, params: Record<string, unknown>): string | undefined
  reset(widgetId?: string): void
}

declare global {
  interface Window {
    turnstile?: TurnstileApi
    ccTurnstileLoaded?: () => void
  }
}

/** The form's view of the check: a token for a submission, or null when it did not pass. */
export interface Challenge {
  /**
   * A token for the submission named by its Idempotency-Key. A token already
   * sent with another key is spent, so a new submission waits for a new one;
   * a retry of the same submission sends the same token again (siteverify
   * accepts it with the same idempotency key).
   */
  token(submissionKey: string): Promise<string | null>
  /** After the Worker refused a token: the next send waits for a fresh one. */
  reset(): void
}

export interface ChallengeOptions {
  scriptUrl: string
  siteKey: string
  partner: string
  lang: Lang
  container: HTMLElement
}

/** How long Send waits for a token (the script loading, an interactive check) before saying so. */
const TOKEN_WAIT_MS = 20_000

function loadTurnstile(scriptUrl: string): Promise<TurnstileApi> {
  return new Promise((resolve, reject) => {
    window.ccTurnstileLoaded = () => (window.turnstile ? resolve(window.turnstile) : reject())
    const script = document.createElement('script')
    const url = new URL(scriptUrl)
    url.searchParams.set('render', 'explicit')
    url.searchParams.set('onload', 'ccTurnstileLoaded')
    script.src = url.href
    script.async = true
    script.onerror = () => reject(new Error('turnstile script'))
    document.head.append(script)
  })
}

export function turnstileChallenge(options: ChallengeOptions): Challenge {
  let token = ''
  let sentWith: string | null = null
  let waiting: ((value: string | null) => void)[] = []
  let widgetId: string | undefined
  const settle = (value: string | null) => {
    const done = waiting
    waiting = []
    for (const resolve of done) resolve(value)
  }
  let failed = false
  const api = loadTurnstile(options.scriptUrl)
  api.then(
    (turnstile) => {
      widgetId = turnstile.render(options.container, {
        sitekey: options.siteKey,
        action: TURNSTILE_ACTION,
        cData: options.partner,
        language: options.lang,
        appearance: 'interaction-only',
        size: 'flexible',
        callback: (value: string) => {
          token = value
          failed = false
          settle(value)
        },
        'error-callback': () => {
          token = ''
          failed = true
          settle(null)
          // Handled: the form tells the family, and the next Send tries again.
          return true
        },
        'expired-callback': () => {
          token = ''
        },
      })
    },
    () => {
      failed = true
      settle(null)
    },
  )

  const reset = () => {
    token = ''
    sentWith = null
    failed = false
    api.then((turnstile) => turnstile.reset(widgetId)).catch(() => undefined)
  }

  return {
    async token(submissionKey) {
      if (token && sentWith !== null && sentWith !== submissionKey) reset()
      if (failed) reset()
      if (!token) {
        const value = await new Promise<string | null>((resolve) => {
          waiting.push(resolve)
          setTimeout(() => resolve(null), TOKEN_WAIT_MS)
        })
        if (value === null) return null
      }
      sentWith = submissionKey
      return token
    },
    reset,
  }
}
