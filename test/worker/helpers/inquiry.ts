import { env } from 'cloudflare:workers'
import { standinToken } from '../../../scripts/lib/turnstile-token.ts'
import { CURRENT_NOTICE_VERSION } from '../../../shared/privacy/versions.ts'
import type { InquiryInput } from '../../../shared/schemas/inquiry.ts'
import {
  TURNSTILE_ACTION,
  TURNSTILE_TEST_SITE_KEYS,
  TURNSTILE_TOKEN_HEADER,
} from '../../../shared/turnstile.ts'
import { call, ORIGIN, WORKER_HOSTNAME } from './http.ts'

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

/** A token of the local Turnstile stand-in, as the frame of `partnerId` would get it. */
export function challengeToken(
  partnerId: unknown,
  overrides: { hostname?: string; action?: string } = {},
): string {
  return standinToken({
    hostname: overrides.hostname ?? WORKER_HOSTNAME,
    action: overrides.action ?? TURNSTILE_ACTION,
    cdata: typeof partnerId === 'string' ? partnerId : '',
    sitekey: TURNSTILE_TEST_SITE_KEYS.alwaysPasses,
  })
}

function partnerIdOf(body: unknown): unknown {
  if (typeof body !== 'string') return (body as { partnerId?: unknown } | null)?.partnerId
  try {
    return (JSON.parse(body) as { partnerId?: unknown } | null)?.partnerId
  } catch {
    return undefined
  }
}

export interface PostOptions {
  /** Default: a partner's allowed origin; null: none, as a server sends. */
  origin?: string | null
  key?: string
  ip?: string
  contentType?: string
  /** Default: a fresh stand-in token for the body's partner; null: none. */
  turnstile?: string | null
  /** An `Authorization` header, for the partner's server way in. */
  authorization?: string
}

export function postInquiry(body: unknown, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': options.contentType ?? 'application/json',
    'CF-Connecting-IP': options.ip ?? nextClientIp(),
  }
  if (options.origin !== null) headers.Origin = options.origin ?? ORIGIN
  if (options.key) headers['Idempotency-Key'] = options.key
  if (options.authorization) headers.Authorization = options.authorization
  const partnerId = partnerIdOf(body)
  if (options.turnstile !== null && !options.authorization) {
    // Issued on the page that sends: the partner's own, or the Worker's frame.
    const hostname = headers.Origin ? new URL(headers.Origin).hostname : WORKER_HOSTNAME
    headers[TURNSTILE_TOKEN_HEADER] = options.turnstile ?? challengeToken(partnerId, { hostname })
  }
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
