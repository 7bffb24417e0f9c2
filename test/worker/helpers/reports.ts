import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { Inquiry, type InquiryInput } from '../../../shared/schemas/inquiry.ts'
import type { ReportResponse } from '../../../shared/schemas/reports.ts'
import { sha256Hex } from '../../../worker/crypto/sha256.ts'
import { handleQueue } from '../../../worker/queue/dispatch.ts'
import { sealInquiry } from '../../../worker/queue/message.ts'
import { sampleCatalog, seedCatalog } from './catalog.ts'
import { call } from './http.ts'
import { validInquiry } from './inquiry.ts'
import { configuredQueues } from './queue.ts'

/** The second active partner of report tests, beside the sample's `demo`. */
export const OTHER_PARTNER = 'blog-b'

/** Campaigns every partner of report tests registered: others are kept as no campaign. */
const REGISTERED_CAMPAIGNS = ['spring', 'autumn', 'retry-test', 'winter-thread']

/** The sample catalog plus `blog-b`, each partner holding the report tokens given. */
export async function seedReportCatalog(tokens: Record<string, string[]> = {}): Promise<void> {
  const catalog = sampleCatalog()
  const demo = catalog.partners.find((p) => p.id === 'demo')
  if (!demo) throw new Error('the sample catalog has no demo partner')
  catalog.partners.push({ ...demo, id: OTHER_PARTNER, name: 'Blog B (sample)' })
  for (const partner of catalog.partners) {
    partner.campaigns = REGISTERED_CAMPAIGNS
    const given = tokens[partner.id]
    if (given) partner.reportTokenSha256 = await Promise.all(given.map(sha256Hex))
  }
  await seedCatalog(catalog)
}

/**
 * Delivers inquiries to the real INQUIRIES consumer with a chosen received
 * time, as if the API had accepted them then (reports group by that time).
 */
export async function deliverInquiries(
  items: { id: string; receivedAt: number; inquiry?: Partial<InquiryInput> }[],
): Promise<void> {
  const bodies = await Promise.all(
    items.map(({ id, receivedAt, inquiry }) =>
      sealInquiry(env.LEADS_KEY, id, receivedAt, v.parse(Inquiry, validInquiry(inquiry))),
    ),
  )
  const batch = createMessageBatch(
    configuredQueues().MAIN.queue,
    bodies.map((body, i) => ({
      id: `msg-${i}-${body.id}`,
      timestamp: new Date(),
      attempts: 1,
      body,
    })),
  )
  const ctx = createExecutionContext()
  await handleQueue(batch, env)
  const result = await getQueueResult(batch, ctx)
  if (result.explicitAcks.length !== items.length) throw new Error('not every inquiry was stored')
}

export async function getReport<Body = ReportResponse>(
  path: string,
  token: string | undefined,
): Promise<{ status: number; text: string; body: Body }> {
  const response = await call(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {})
  const text = await response.text()
  return { status: response.status, text, body: JSON.parse(text) as Body }
}
