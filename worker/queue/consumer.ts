import * as v from 'valibot'
import { preScreenFlags } from '../../shared/schemas/inquiry.ts'
import { KeyringError } from '../crypto/lead-cipher.ts'
import { logEvent } from '../http/log.ts'
import { insertDeadLetter, insertLeads, type NewLead } from '../leads/insert.ts'
import { sealLead } from '../leads/payload.ts'
import { InquiryMessage, openInquiry } from './message.ts'

/** Exponential backoff for transient failures, capped so retries stay within the day. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** attempts, 300)
}

type Prepared =
  | { kind: 'lead'; lead: NewLead }
  | { kind: 'dead'; reason: string; inquiryId?: string }

/** Turns a message into a sealed lead, or says why it can never become one. */
async function prepare(env: Env, body: unknown): Promise<Prepared> {
  const parsed = v.safeParse(InquiryMessage, body)
  if (!parsed.success) return { kind: 'dead', reason: 'malformed-message' }
  const message = parsed.output
  let inquiry: Awaited<ReturnType<typeof openInquiry>>
  try {
    inquiry = await openInquiry(env.LEADS_KEY, message)
  } catch (error) {
    // A broken keyring is the operator's to fix; retrying then succeeds.
    if (error instanceof KeyringError) throw error
    return { kind: 'dead', reason: 'unreadable-inquiry', inquiryId: message.id }
  }
  const flags = preScreenFlags(inquiry.preScreen)
  const sealed = await sealLead(env.LEADS_KEY, message.id, { inquiry, flags })
  return {
    kind: 'lead',
    lead: {
      id: message.id,
      partnerId: message.partnerId,
      receivedAt: message.receivedAt,
      sealed,
      attribution: inquiry.attribution,
      flaggedForReview: flags.length > 0,
    },
  }
}

function retry(message: Message<unknown>, error: unknown): void {
  const delaySeconds = retryDelaySeconds(message.attempts)
  logEvent('warn', 'inquiry.retry', {
    message: message.id,
    attempts: message.attempts,
    delaySeconds,
    cause: error instanceof Error ? error.name : typeof error,
  })
  message.retry({ delaySeconds })
}

async function keepDeadLetter(
  env: Env,
  message: Message<unknown>,
  dead: { reason: string; inquiryId?: string },
) {
  try {
    // Retrying cannot fix it; it is kept (still sealed) for an operator instead.
    await insertDeadLetter(env.LEADS, {
      id: message.id,
      inquiryId: dead.inquiryId,
      reason: dead.reason,
      attempts: message.attempts,
      body: JSON.stringify(message.body),
    })
    logEvent('warn', 'inquiry.dead_letter', { message: message.id, reason: dead.reason })
    message.ack()
  } catch (error) {
    retry(message, error)
  }
}

/**
 * The INQUIRIES consumer: each message is stored once (all of a batch's
 * leads in one D1 round trip), kept as a dead letter, or retried.
 */
export async function consumeInquiries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const storable: { message: Message<unknown>; lead: NewLead }[] = []
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const prepared = await prepare(env, message.body)
        if (prepared.kind === 'dead') await keepDeadLetter(env, message, prepared)
        else storable.push({ message, lead: prepared.lead })
      } catch (error) {
        retry(message, error)
      }
    }),
  )
  if (storable.length === 0) return
  try {
    const created = await insertLeads(
      env.LEADS,
      storable.map((s) => s.lead),
    )
    for (const { message } of storable) message.ack()
    logEvent('info', 'inquiry.stored', {
      stored: created.filter(Boolean).length,
      duplicates: created.filter((c) => !c).length,
    })
  } catch (error) {
    // Inserts are idempotent, so the whole batch may safely be tried again.
    for (const { message } of storable) retry(message, error)
  }
}
