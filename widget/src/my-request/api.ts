import type { MyRequestView, Withdrawal } from '../../../shared/schemas/my-request.ts'

export type Answer<T> =
  | { ok: true; body: T }
  | { ok: false; kind: 'unknown' | 'withdrawn' | 'rate' | 'failed' }

const KINDS: Record<number, 'unknown' | 'withdrawn' | 'rate'> = {
  404: 'unknown',
  410: 'withdrawn',
  422: 'unknown',
  429: 'rate',
}

/** Posts the receipt (never put in a URL: it stays out of every server log) to one of its two operations. */
export async function post<T extends MyRequestView | Withdrawal>(
  path: '/v1/my-request' | '/v1/my-request/delete',
  receipt: string,
): Promise<Answer<T>> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ receipt }),
      cache: 'no-store',
    })
    if (response.ok) return { ok: true, body: (await response.json()) as T }
    return { ok: false, kind: KINDS[response.status] ?? 'failed' }
  } catch {
    return { ok: false, kind: 'failed' }
  }
}
