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
