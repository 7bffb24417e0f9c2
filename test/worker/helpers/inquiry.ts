import { env } from 'cloudflare:workers'
import { CURRENT_NOTICE_VERSION } from '../../../shared/privacy/versions.ts'
import type { InquiryInput } from '../../../shared/schemas/inquiry.ts'
import { call, ORIGIN } from './http.ts'

export function validInquiry(overrides: Partial<InquiryInput> = {}): InquiryInput {
  return {
    partnerId: 'demo',
    clinicIds: ['aurora-tijuana', 'cedro-cancun'],
    packageIds: ['aurora-iv'],
    parentName: 'Paula Prueba',
    email: 'paula.prueba@example.com',
    phone: '+52 33 5555 0199',
    contactChannel: 'email',
    language: 'es',
    country: 'MX',
    childAgeYears: 6,
    message: 'Nos interesa saber qué incluye la revisión médica.',
    preScreen: {
      activeInfection: 'no',
      uncontrolledSeizures: 'yes',
      kidneyOrLiverProblems: 'no',
      geneticSyndrome: 'not-sure',
    },
    consent: true,
    consentVersion: CURRENT_NOTICE_VERSION,
    ...overrides,
  }
}

let client = 0
/** A fresh client address per request, so tests do not share a rate-limit bucket. */
export function nextClientIp(): string {
  client += 1
  return `198.51.100.${client % 250}-${client}`
}

export interface PostOptions {
  origin?: string | null
  key?: string
  ip?: string
  contentType?: string
}

export function postInquiry(body: unknown, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': options.contentType ?? 'application/json',
    'CF-Connecting-IP': options.ip ?? nextClientIp(),
  }
  if (options.origin !== null) headers.Origin = options.origin ?? ORIGIN
  if (options.key) headers['Idempotency-Key'] = options.key
  return call('/v1/inquiries', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

export async function leadIds(): Promise<string[]> {
  const { results } = await env.LEADS.prepare('SELECT id FROM leads ORDER BY id').all<{
    id: string
  }>()
  return results.map((r) => r.id)
}

/** Waits until the queue consumer has stored `id` (the local queue batches for up to 1 s). */
export async function waitForLead(id: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const row = await env.LEADS.prepare('SELECT id FROM leads WHERE id = ?1').bind(id).first()
    if (row) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`lead ${id} was not stored within ${timeoutMs} ms`)
}
