import { env } from 'cloudflare:workers'
import { CURRENT_NOTICE_VERSION } from '../../../shared/privacy/versions.ts'
import { type Inquiry, preScreenFlags } from '../../../shared/schemas/inquiry.ts'
import { consentRecord } from '../../../worker/family/consent.ts'
import { insertLead } from '../../../worker/leads/insert.ts'
import { sealLead } from '../../../worker/leads/payload.ts'
import { call, json } from './http.ts'

export const TOKEN = 'test-token-new-0123456789abcdefghij'
export const OLD_TOKEN = 'test-token-old-0123456789abcdefghij'
/** A GET as a coordinator: the detailed health view, say. */
export const asCoordinator: RequestInit = { headers: { Authorization: `Bearer ${TOKEN}` } }

/** A valid inquiry with fictional, clearly sample personal data. */
export function sampleInquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    partnerId: 'demo',
    clinicIds: ['aurora-tijuana'],
    parentName: 'Sample Parent',
    email: 'sample.parent@example.com',
    contactChannel: 'email',
    language: 'en',
    country: 'US',
    childAgeYears: 7,
    preScreen: {
      activeInfection: 'no',
      uncontrolledSeizures: 'not-sure',
      kidneyOrLiverProblems: 'no',
      geneticSyndrome: 'no',
    },
    consent: true,
    shareWithClinics: false,
    consentVersion: CURRENT_NOTICE_VERSION,
    ...overrides,
  }
}

/** Stores a lead the way the queue consumer does: seal with LEADS_KEY, then insertLead. */
export async function seedLead(
  id: string,
  options: { receivedAt?: number; inquiry?: Inquiry } = {},
): Promise<void> {
  const inquiry = options.inquiry ?? sampleInquiry()
  const flags = preScreenFlags(inquiry.preScreen)
  const binding = { id, partnerId: inquiry.partnerId, receivedAt: options.receivedAt ?? Date.now() }
  const consent = await consentRecord(inquiry, {
    receivedAt: binding.receivedAt,
    formOrigin: null,
  })
  const sealed = await sealLead(env.LEADS_KEY, binding, { inquiry, flags, consent })
  await insertLead(env.LEADS, { ...binding, sealed, attribution: inquiry.attribution })
}

export async function seedLeads(count: number, prefix = 'lead', start = Date.now() - 60_000) {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`)
  for (const [i, id] of ids.entries()) await seedLead(id, { receivedAt: start + i })
  return ids
}

export async function clearLeadStore(): Promise<void> {
  await env.LEADS.batch([
    env.LEADS.prepare('DELETE FROM leads'),
    env.LEADS.prepare('DELETE FROM dead_letters'),
    env.LEADS.prepare('DELETE FROM idempotency_keys'),
  ])
}

export function authed(body: unknown, token = TOKEN): RequestInit {
  return {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }
}

export interface WireLead {
  leaseId: string
  id: string
  receivedAt: string
  attempts: number
  inquiry: Inquiry
  flags: { question: string; answer: string }[]
  consent?: Record<string, unknown>
  sharing: 'share-with-clinics' | 'do-not-share-with-clinics'
}

export async function pull(body: unknown = {}, token = TOKEN) {
  const response = await call('/v1/leads/pull', authed(body, token))
  return {
    response,
    body: await json<{ leads: WireLead[]; skipped: number; deletions: string[] }>(response),
  }
}

export async function ack(body: unknown, token = TOKEN) {
  const response = await call('/v1/leads/ack', authed(body, token))
  return {
    response,
    body: await json<{ acked: number; retried: number; deletionsAcked: number }>(response),
  }
}
