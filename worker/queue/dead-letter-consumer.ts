import { logEvent } from '../http/log.ts'
import { inquiryIdOf, keepDeadLetter, storeInquiries } from './consumer.ts'

/**
 * max_retries of the dead-letter queue's consumer in wrangler.toml (a test
 * checks they agree): its last delivery keeps the message as a dead letter
 * row, since Queues would drop it after that.
 */
export const DEAD_LETTER_QUEUE_MAX_RETRIES = 100

function retryLater(message: Message<unknown>, error: unknown): void {
  logEvent('warn', 'dead_letter.retry', {
    message: message.id,
    attempts: message.attempts,
    cause: error instanceof Error ? error.name : typeof error,
  })
  // The delay is the consumer's retry_delay in wrangler.toml.
  message.retry()
}

/**
 * The dead-letter queue's consumer replays by itself: an inquiry whose
 * retries ran out during an outage is stored as a lead as soon as D1 (or
 * the keyring) answers again, with no person acting. Only a message that can
 * never become a lead, or one still failing on its last delivery, becomes a
 * dead letter row; the scheduled job replays the latter (scheduled/).
 */
export function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return storeInquiries(batch.messages, env, {
    onTransient: async (message, error) => {
      if (message.attempts <= DEAD_LETTER_QUEUE_MAX_RETRIES) return retryLater(message, error)
      await keepDeadLetter(
        env,
        message,
        { reason: 'retries-exhausted', inquiryId: inquiryIdOf(message.body) },
        retryLater,
      )
    },
  })
}
