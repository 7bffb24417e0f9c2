import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { handleQueue } from '../../../worker/queue/dispatch.ts'
/** A Queue producer that keeps what is sent, for a test to deliver as it chooses. */
export function recordingQueue() {
  const sent: unknown[] = []
  const queue = {
    send: async (body: unknown) => void sent.push(body),
    sendBatch: async (batch: Iterable<{ body: unknown }>) => {
      for (const message of batch) sent.push(message.body)
    },
  } as unknown as Queue
  return { sent, queue }
}

type ConsumerSettings = (typeof env)['TEST_QUEUE_CONSUMERS'][number]

/**
 * The queues of the environment under test, as its wrangler.toml section
 * names them (vitest.config.mts runs some files once per environment): the
 * inquiries queue is the consumer with a dead-letter queue, and that queue
 * is the other consumer. Never the Worker's own vars, so a var that
 * disagrees with the consumers is caught.
 */
export function configuredQueues(): { MAIN: ConsumerSettings; DLQ: ConsumerSettings } {
  const consumers = env.TEST_QUEUE_CONSUMERS
  const MAIN = consumers.find((c) => c.dead_letter_queue !== undefined)
  const DLQ = consumers.find((c) => c.queue === MAIN?.dead_letter_queue)
  if (!MAIN || !DLQ) throw new Error('wrangler.toml has no consumer with a dead-letter consumer')
  return { MAIN, DLQ }
}

/**
 * A producer that refuses what Cloudflare Queues refuses (more than 100
 * messages or 256,000 bytes in one sendBatch, counting each body's JSON and
 * 100 bytes of metadata) and, optionally, any batch holding a message for
 * one inquiry id: a fault injected to stand for a message the queue keeps refusing.
 */
export function queueWithLimits(options: { refuses?: string } = {}) {
  const batches: { count: number; bytes: number }[] = []
  const sent: unknown[] = []
  const queue = {
    send: async () => {
      throw new Error('send is not used by replay')
    },
    sendBatch: async (batch: Iterable<{ body: unknown }>) => {
      const bodies = [...batch].map((m) => m.body)
      const bytes = bodies.reduce<number>(
        (sum, body) => sum + new TextEncoder().encode(JSON.stringify(body)).length + 100,
        0,
      )
      if (bodies.length > 100 || bytes > 256_000) throw new Error('Queue batch over the limits')
      if (bodies.some((b) => (b as { id?: string }).id === options.refuses))
        throw new Error('Queue refused the message')
      batches.push({ count: bodies.length, bytes })
      sent.push(...bodies)
    },
  } as unknown as Queue
  return { queue, batches, sent }
}

/** Delivers bodies to the Worker's queue handler as one batch of `queue`, as the runtime would. */
export async function deliver(queue: string, bodies: unknown[], bindings: Env = env, attempts = 1) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({
      id: `msg-${crypto.randomUUID()}-${i}`,
      timestamp: new Date(),
      attempts,
      body,
    })),
  )
  const ctx = createExecutionContext()
  await handleQueue(batch, bindings)
  return { batch, result: await getQueueResult(batch, ctx) }
}
