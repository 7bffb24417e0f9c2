/**
 * The floor of POST /v1/inquiries on local workerd: only what the contract
 * makes every accepted inquiry do with bindings (read a JSON body, one call
 * to a rate limiting binding, one Queue send, a consumer that acks) and
 * nothing of ours: no validation, no idempotency, no encryption, no D1, no
 * Hono. The bench runs it in the same workerd as the Worker, so its req/s
 * over /healthz is the best ratio any intake code could reach there.
 *
 * It is a measuring instrument, never deployed; `bench/server.ts` bundles it.
 */

interface FloorEnv {
  FLOOR_LIMITER: RateLimit
  FLOOR_QUEUE: Queue<unknown>
}

export default {
  async fetch(request, env) {
    const body: unknown = await request.json()
    const { success } = await env.FLOOR_LIMITER.limit({ key: 'floor|local' })
    if (!success) return Response.json({ error: 'rate_limited' }, { status: 429 })
    await env.FLOOR_QUEUE.send(body, { contentType: 'json' })
    return Response.json({ id: crypto.randomUUID(), status: 'queued' }, { status: 202 })
  },
  async queue(batch) {
    batch.ackAll()
  },
} satisfies ExportedHandler<FloorEnv, unknown>
