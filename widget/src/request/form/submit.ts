import type { ErrorBody, ErrorIssue } from '../../../../shared/schemas/api.ts'
import type { InquiryAccepted, InquiryInput } from '../../../../shared/schemas/inquiry.ts'
import { TURNSTILE_TOKEN_HEADER } from '../../../../shared/turnstile.ts'
import { apiUrl } from '../../common/api-url.ts'

export type SendResult =
  | { ok: true; id: string; receipt: string | undefined }
  | {
      ok: false
      kind: 'network' | 'invalid' | 'rate' | 'unavailable' | 'forbidden' | 'challenge' | 'other'
      status?: number
      retryAfter?: number
      issues?: ErrorIssue[]
    }

/** An Idempotency-Key; randomUUID needs a secure context, which a partner page may not be. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const KINDS: Record<number, Exclude<SendResult, { ok: true }>['kind']> = {
  403: 'forbidden',
  422: 'invalid',
  429: 'rate',
  503: 'unavailable',
}

/**
 * POST /v1/inquiries; a retry passes the same key so the Worker keeps one
 * lead, and the Turnstile token that key was first sent with.
 */
export async function sendInquiry(
  base: string,
  body: InquiryInput,
  key: string,
  turnstileToken: string,
  signal?: AbortSignal,
): Promise<SendResult> {
  let response: Response
  try {
    response = await fetch(apiUrl(base, 'v1/inquiries'), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': key,
        [TURNSTILE_TOKEN_HEADER]: turnstileToken,
      },
      body: JSON.stringify(body),
      signal,
    })
  } catch {
    return { ok: false, kind: 'network' }
  }
  const json = (await response.json().catch(() => null)) as Partial<
    InquiryAccepted & ErrorBody
  > | null
  if (response.status === 202 && typeof json?.id === 'string') {
    // The receipt link stays in the frame (never in a message to the partner's page).
    const receipt = typeof json.receipt === 'string' ? json.receipt : undefined
    return { ok: true, id: json.id, receipt }
  }
  const retryAfter = Number(response.headers.get('Retry-After'))
  return {
    ok: false,
    kind: json?.error === 'challenge_failed' ? 'challenge' : (KINDS[response.status] ?? 'other'),
    status: response.status,
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 30,
    issues: json?.issues,
  }
}
