import * as v from 'valibot'
import { preScreenFlags } from '../../shared/schemas/inquiry.ts'
import { KeyringError } from '../crypto/lead-cipher.ts'
import { logEvent } from '../http/log.ts'
import { insertDeadLetter, insertLead } from '../leads/insert.ts'
import { sealLead } from '../leads/payload.ts'
import { InquiryMessage, openInquiry } from './message.ts'

/** Exponential backoff for transient failures, capped so retries stay within the day. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** attempts, 300)
}

type Outcome =
  | { kind: 'stored' | 'duplicate' }
  | { kind: 'dead'; reason: string; inquiryId?: string }

/** Decides what one message is; only storage failures throw (and are retried). */
async function storeInquiry(env: Env, body: unknown): Promise<Outcome> {
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
  const sealed = await sealLead(env.LEADS_KEY, message.id, {
    inquiry,
    flags: preScreenFlags(inquiry.preScreen),
  })
  const created = await insertLead(env.LEADS, {
    id: message.id,
    partnerId: message.partnerId,
    receivedAt: message.receivedAt,
    sealed,
  })
  return { kind: created ? 'stored' : 'duplicate' }
}

async function handle(env: Env, message: Message<unknown>): Promise<void> {
  try {
    const outcome = await storeInquiry(env, message.body)
    if (outcome.kind === 'dead') {
      // Retrying cannot fix it; it is kept (still sealed) for an operator instead.
      await insertDeadLetter(env.LEADS, {
        id: message.id,
        inquiryId: outcome.inquiryId,
        reason: outcome.reason,
        attempts: message.attempts,
        body: JSON.stringify(message.body),
      })
      logEvent('warn', 'inquiry.dead_letter', { message: message.id, reason: outcome.reason })
    } else {
      logEvent('info', `inquiry.${outcome.kind}`, { message: message.id })
    }
    message.ack()
  } catch (error) {
    const delaySeconds = retryDelaySeconds(message.attempts)
    logEvent('warn', 'inquiry.retry', {
      message: message.id,
      attempts: message.attempts,
      delaySeconds,
      cause: error instanceof Error ? error.name : typeof error,
    })
    message.retry({ delaySeconds })
  }
}

/** The INQUIRIES consumer: each message is stored once, kept as a dead letter, or retried. */
export async function consumeInquiries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(batch.messages.map((message) => handle(env, message)))
}
