import * as v from 'valibot'
import { logEvent } from '../http/log.ts'
import { insertDeadLetter } from '../leads/insert.ts'
import { InquiryMessage } from './message.ts'

/**
 * The dead-letter queue's consumer: messages whose retries ran out are kept in
 * D1, still sealed, for an operator to inspect and replay. If D1 is down too,
 * the message is retried again (max_retries of this consumer in wrangler.toml).
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = v.safeParse(InquiryMessage, message.body)
      try {
        await insertDeadLetter(env.LEADS, {
          id: message.id,
          inquiryId: parsed.success ? parsed.output.id : undefined,
          reason: 'retries-exhausted',
          attempts: message.attempts,
          body: JSON.stringify(message.body),
        })
        logEvent('warn', 'inquiry.dead_letter', {
          message: message.id,
          reason: 'retries-exhausted',
        })
        message.ack()
      } catch (error) {
        logEvent('error', 'dead_letter.retry', {
          message: message.id,
          cause: error instanceof Error ? error.name : typeof error,
        })
        message.retry()
      }
    }),
  )
}
