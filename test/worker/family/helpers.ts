import { env } from 'cloudflare:workers'
import { call, json } from '../helpers/http.ts'
import { nextClientIp } from '../helpers/inquiry.ts'

/** The secret of a receipt link: what follows `#`, as the receipt page reads it. */
export function secretOf(receipt: string): string {
  const secret = new URL(receipt).hash.slice(1)
  if (!secret) throw new Error(`no secret in ${receipt}`)
  return secret
}

/** Posts a receipt as the family's page does (a fresh client address, so limits stay apart). */
export async function postReceipt(path: '' | '/delete', receipt: string, ip = nextClientIp()) {
  const response = await call(`/v1/my-request${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
    body: JSON.stringify({ receipt }),
  })
  return { response, body: await json(response.clone()) }
}

export async function rowCount(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.LEADS.prepare(`SELECT count(*) AS n FROM (${sql})`)
    .bind(...params)
    .first<{ n: number }>()
  return row?.n ?? 0
}
