/**
 * Cloudflare Queues' limits on what one producer call may send
 * (developers.cloudflare.com/queues/platform/limits/): 100 messages and
 * 256 KB per sendBatch, 128 KB per message, where 1 KB is 1,000 bytes and
 * each message may carry about 100 bytes of internal metadata.
 */
const SEND_BATCH_MAX_MESSAGES = 100
const SEND_BATCH_MAX_BYTES = 256_000
const MESSAGE_MAX_BYTES = 128_000
const MESSAGE_METADATA_BYTES = 100

/** What one message costs of a batch's bytes, as its JSON body is sent. */
export function messageBytes(body: unknown): number {
  return new TextEncoder().encode(JSON.stringify(body)).length + MESSAGE_METADATA_BYTES
}

/**
 * Splits messages, in order, into batches within both limits. A message
 * over MESSAGE_MAX_BYTES goes alone, so the queue's refusal of it costs no
 * other message.
 */
export function packBatches<T>(items: T[], bytesOf: (item: T) => number): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let currentBytes = 0
  const close = () => {
    if (current.length > 0) batches.push(current)
    current = []
    currentBytes = 0
  }
  for (const item of items) {
    const bytes = bytesOf(item)
    if (bytes > MESSAGE_MAX_BYTES) {
      close()
      batches.push([item])
      continue
    }
    if (current.length >= SEND_BATCH_MAX_MESSAGES || currentBytes + bytes > SEND_BATCH_MAX_BYTES)
      close()
    current.push(item)
    currentBytes += bytes
  }
  if (current.length > 0) batches.push(current)
  return batches
}
