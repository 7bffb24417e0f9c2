/**
 * The Worker's own entry plus one path that runs a single step of its work
 * `n` times within one request (`STEPS_PATH<step>?n=`), with the Worker's
 * local bindings. The cost of reaching the Worker is paid once per `n`, so a
 * step's time per call is its own cost (bench/steps.ts).
 *
 * A measuring instrument, never deployed: `npm run bench:steps` bundles it
 * in place of worker/index.ts.
 */

import * as v from 'valibot'
import { LOCAL_DEMO_API_KEY } from '../scripts/lib/local-demo-key.ts'
import { Inquiry } from '../shared/schemas/inquiry.ts'
import { app } from '../worker/app.ts'
import worker from '../worker/index.ts'
import { storeInquiries } from '../worker/queue/consumer.ts'
import { sealInquiry } from '../worker/queue/message.ts'
import { CONSUMER_BATCH, isStep, STEPS_PATH, type Step } from './steps-list.ts'

const stoodInLimiter: RateLimit = { limit: async () => ({ success: true }) }

const stoodInStatement = {
  bind: () => stoodInStatement,
  run: async () => ({ success: true, meta: { changes: 1 }, results: [] }),
}
// Only what the intake calls on its usual path (claimKey's INSERT).
const stoodInD1 = { prepare: () => stoodInStatement } as unknown as D1Database

const stoodInQueue = {
  send: async () => undefined,
  sendBatch: async () => undefined,
} as unknown as Queue

let calls = 0

/** Which bindings are real in each inquiry step; the others are stood in. */
const REAL: Partial<Record<Step, (keyof Env)[]>> = {
  code: [],
  // The bench's inquiries come with the partner's API key: the partner's
  // ceiling is their one limiter call (a browser's also counts per client).
  limiter: ['PARTNER_INQUIRY_LIMITER'],
  claim: ['LEADS'],
  send: ['INQUIRIES'],
  intake: ['PARTNER_INQUIRY_LIMITER', 'LEADS', 'INQUIRIES'],
}

function envWith(env: Env, real: (keyof Env)[]): Env {
  return {
    ...env,
    INQUIRY_LIMITER: real.includes('INQUIRY_LIMITER') ? env.INQUIRY_LIMITER : stoodInLimiter,
    PARTNER_INQUIRY_LIMITER: real.includes('PARTNER_INQUIRY_LIMITER')
      ? env.PARTNER_INQUIRY_LIMITER
      : stoodInLimiter,
    LEADS: real.includes('LEADS') ? env.LEADS : stoodInD1,
    INQUIRIES: real.includes('INQUIRIES') ? env.INQUIRIES : stoodInQueue,
  }
}

async function postInquiry(origin: string, body: string, env: Env, ctx: ExecutionContext) {
  calls += 1
  const request = new Request(`${origin}/v1/inquiries`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${LOCAL_DEMO_API_KEY}`,
      'Idempotency-Key': `bench-steps-${calls}`,
      // As an HTTP client sends it: without it the body limit reads the stream itself.
      'Content-Length': String(new TextEncoder().encode(body).length),
    },
    body,
  })
  const response = await app.fetch(request, env, ctx)
  if (response.status !== 202) throw new Error(`POST /v1/inquiries answered ${response.status}`)
}

/** One batch of messages as the intake sends them; the consumer step subtracts this work. */
function sealedBatch(inquiry: Inquiry, env: Env): Promise<Message<unknown>[]> {
  return Promise.all(
    Array.from({ length: CONSUMER_BATCH }, async (): Promise<Message<unknown>> => {
      calls += 1
      const id = crypto.randomUUID()
      return {
        id: `bench-steps-${calls}`,
        timestamp: new Date(),
        body: await sealInquiry(env.LEADS_KEY, id, Date.now(), inquiry),
        attempts: 1,
        ack: () => undefined,
        retry: () => undefined,
      }
    }),
  )
}

async function consumeOneBatch(inquiry: Inquiry, env: Env): Promise<void> {
  await storeInquiries(await sealedBatch(inquiry, env), env, {
    onTransient: (_, error) => {
      throw error
    },
  })
}

async function get(origin: string, path: string, env: Env, ctx: ExecutionContext) {
  const response = await app.fetch(new Request(`${origin}${path}`), env, ctx)
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`)
}

async function runStep(step: Step, request: Request, env: Env, ctx: ExecutionContext) {
  const origin = new URL(request.url).origin
  const n = Number(new URL(request.url).searchParams.get('n') ?? 1)
  const body = await request.text()
  const real = REAL[step]
  const inquiryEnv = real && envWith(env, real)
  const inquiry = v.parse(Inquiry, JSON.parse(body))
  for (let i = 0; i < n; i++) {
    if (inquiryEnv) await postInquiry(origin, body, inquiryEnv, ctx)
    else if (step === 'consumer') await consumeOneBatch(inquiry, env)
    else if (step === 'sealing') await sealedBatch(inquiry, env)
    else if (step === 'd1Call') await env.LEADS.prepare('SELECT 1').first()
    else if (step === 'healthz') await get(origin, '/healthz', env, ctx)
    else if (step === 'clinics') await get(origin, '/v1/clinics', env, ctx)
  }
}

export default {
  ...worker,
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url)
    if (!pathname.startsWith(STEPS_PATH)) return worker.fetch(request, env, ctx)
    const step = pathname.slice(STEPS_PATH.length)
    if (!isStep(step)) return new Response(`no step ${step}`, { status: 404 })
    try {
      await runStep(step, request, env, ctx)
      return new Response(null, { status: 204 })
    } catch (error) {
      return new Response(error instanceof Error ? error.message : String(error), { status: 500 })
    }
  },
} satisfies ExportedHandler<Env, unknown>
