import { TURNSTILE_ACTION } from '../../shared/turnstile.ts'
import { ApiError } from '../http/api-error.ts'
import { logEvent } from '../http/log.ts'

/** What siteverify answers, as far as intake reads it. */
interface SiteverifyAnswer {
  success?: boolean
  hostname?: string
  action?: string
  cdata?: string
  'error-codes'?: string[]
}

export interface TurnstileCheck {
  token: string
  /** The inquiry's id: a family re-sending after a lost answer is not refused as "already spent". */
  idempotencyKey: string
  /** The page's hostname: the Worker's for the frame (one widget for every partner), the partner's for its own form. */
  hostname: string
  partnerId: string
}

/** siteverify usually answers in tens of milliseconds; past this the family is asked to try again. */
const SITEVERIFY_TIMEOUT_MS = 5000

const failed = () =>
  new ApiError(
    'challenge_failed',
    'We could not confirm this request came from a person. Please press Send again; if it keeps failing, reload the page.',
  )

/**
 * Asks Turnstile's siteverify whether the token is good for this request:
 * success, the page's hostname, our action and this partner in cData, all four. The
 * family's address is not sent (remoteip is optional): Cloudflare sees it
 * anyway, and this way no copy of it leaves the Worker.
 */
export async function verifyTurnstile(
  env: Pick<Env, 'TURNSTILE_SECRET_KEY' | 'TURNSTILE_VERIFY_URL'>,
  check: TurnstileCheck,
): Promise<void> {
  let answer: SiteverifyAnswer
  try {
    const response = await fetch(env.TURNSTILE_VERIFY_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        secret: env.TURNSTILE_SECRET_KEY,
        response: check.token,
        idempotency_key: check.idempotencyKey,
      }),
      signal: AbortSignal.timeout(SITEVERIFY_TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`siteverify answered ${response.status}`)
    answer = (await response.json()) as SiteverifyAnswer
  } catch (cause) {
    throw new ApiError(
      'challenge_unavailable',
      'We could not take your request just now. Nothing was saved; please try again.',
      { cause, headers: { 'Retry-After': '5' } },
    )
  }
  const mismatch = [
    answer.success !== true && 'success',
    answer.hostname !== check.hostname && 'hostname',
    answer.action !== TURNSTILE_ACTION && 'action',
    answer.cdata !== check.partnerId && 'cdata',
  ].filter((field): field is string => field !== false)
  if (mismatch.length === 0) return
  // Codes and field names only: a token or an answer says nothing we may log.
  logEvent('warn', 'inquiry.challenge_failed', {
    partner: check.partnerId,
    mismatch: mismatch.join(','),
    codes: (answer['error-codes'] ?? [])
      .filter((code) => /^[a-z0-9-]{1,40}$/.test(code))
      .slice(0, 5)
      .join(','),
  })
  throw failed()
}

export const challengeFailed = failed
