import * as v from 'valibot'
import type { DeadLetterReason } from '../../shared/errors.ts'
import { preScreenFlags } from '../../shared/schemas/inquiry.ts'
import { KeyringError } from '../crypto/lead-cipher.ts'
import { emailMac } from '../family/email-mac.ts'
import { logEvent } from '../http/log.ts'
import { insertDeadLetter, insertLeads, type NewLead } from '../leads/insert.ts'
import { sealLead } from '../leads/payload.ts'
import { InquiryMessage, openInquiry } from './message.ts'

/**
 * Exponential backoff for transient failures, capped at five minutes. With
 * the INQUIRIES consumer's max_retries in wrangler.toml the retries span
 * more than an hour (see docs/coordinators.md), and the dead-letter queue's
 * consumer keeps trying for hours after that.
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** attempts, 300)
}

type Prepared =
  | { kind: 'lead'; lead: NewLead }
  | { kind: 'dead'; reason: DeadLetterReason; inquiryId?: string }

/** Turns a message into a sealed lead, or says why it can never become one. */
async function prepare(env: Env, body: unknown): Promise<Prepared> {
  const parsed = v.safeParse(InquiryMessage, body)
  if (!parsed.success) return { kind: 'dead', reason: 'malformed-message' }
  const message = parsed.output
  let opened: Awaited<ReturnType<typeof openInquiry>>
  try {
    opened = await openInquiry(env.LEADS_KEY, message)
  } catch (error) {
    // A broken keyring is the operator's to fix; retrying then succeeds.
    if (error instanceof KeyringError) throw error
    return { kind: 'dead', reason: 'unreadable-inquiry', inquiryId: message.id }
  }
  const { inquiry, consent } = opened
  const flags = preScreenFlags(inquiry.preScreen)
  const binding = { id: message.id, partnerId: message.partnerId, receivedAt: message.receivedAt }
  const sealed = await sealLead(env.LEADS_KEY, binding, { inquiry, flags, consent })
  const emailMacHex = await emailMac(env.LEADS_KEY, inquiry.email)
  return {
    kind: 'lead',
    lead: { ...binding, sealed, attribution: inquiry.attribution, emailMac: emailMacHex },
  }
}

export function inquiryIdOf(body: unknown): string | undefined {
  const parsed = v.safeParse(InquiryMessage, body)
  return parsed.success ? parsed.output.id : undefined
}

function causeOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

/** Keeps a message as a dead letter row (still sealed); if D1 refuses that too, retries it. */
export async function keepDeadLetter(
  env: Env,
  message: Message<unknown>,
  dead: { reason: DeadLetterReason; inquiryId?: string | undefined },
  retry: (message: Message<unknown>, error: unknown) => void,
): Promise<void> {
  try {
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

export interface StoreOptions {
  /** What to do with a message that failed for a reason that may pass (D1, the keyring). */
  onTransient: (message: Message<unknown>, error: unknown) => Promise<void> | void
}

/**
 * Stores each message once as a lead (all of a batch's leads in one D1
 * round trip), keeps one that can never become a lead as a dead letter, and
 * hands the rest to `onTransient`.
 */
export async function storeInquiries(
  messages: readonly Message<unknown>[],
  env: Env,
  options: StoreOptions,
): Promise<void> {
  const storable: { message: Message<unknown>; lead: NewLead }[] = []
  const transient: { message: Message<unknown>; error: unknown }[] = []
  await Promise.all(
    messages.map(async (message) => {
      try {
        const prepared = await prepare(env, message.body)
        if (prepared.kind === 'dead')
          await keepDeadLetter(env, message, prepared, options.onTransient)
        else storable.push({ message, lead: prepared.lead })
      } catch (error) {
        transient.push({ message, error })
      }
    }),
  )
  if (storable.length > 0) {
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
      for (const { message } of storable) transient.push({ message, error })
    }
  }
  await Promise.all(transient.map(({ message, error }) => options.onTransient(message, error)))
}

function retryWithBackoff(message: Message<unknown>, error: unknown): void {
  const delaySeconds = retryDelaySeconds(message.attempts)
  logEvent('warn', 'inquiry.retry', {
    message: message.id,
    attempts: message.attempts,
    delaySeconds,
    cause: causeOf(error),
  })
  message.retry({ delaySeconds })
}

/**
 * The INQUIRIES consumer: a transient failure is retried with backoff; when
 * Queues runs out of retries the message goes to the dead-letter queue,
 * whose consumer keeps trying (dead-letter-consumer.ts).
 */
export function consumeInquiries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return storeInquiries(batch.messages, env, { onTransient: retryWithBackoff })
}
