import { consumeInquiries } from './consumer.ts'
import { consumeDeadLetters } from './dead-letter-consumer.ts'

/** One Worker consumes both queues; the dead-letter queue's name ends in "-dlq". */
export function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return batch.queue.endsWith('-dlq')
    ? consumeDeadLetters(batch, env)
    : consumeInquiries(batch, env)
}
