import { logEvent } from '../http/log.ts'
import { consumeInquiries } from './consumer.ts'
import { consumeDeadLetters } from './dead-letter-consumer.ts'

/**
 * One Worker consumes both queues. Each environment names its queues
 * (`-staging`, `-production`), so a batch is matched against the exact names
 * this environment's wrangler.toml gives, never a suffix. A batch from a
 * queue it does not know is retried, not stored as if it were either: that is
 * a configuration error an operator must see, and Queues keeps the messages.
 */
export function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === env.DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env)
  if (batch.queue === env.INQUIRIES_QUEUE) return consumeInquiries(batch, env)
  logEvent('error', 'queue.unknown', { queue: batch.queue, messages: batch.messages.length })
  batch.retryAll()
  return Promise.resolve()
}
