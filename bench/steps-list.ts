/** Where bench/steps-worker.ts answers: under /v1/* so the asset router sends it to the Worker. */
export const STEPS_PATH = '/v1/bench-steps/'

/**
 * What each step of `npm run bench:steps` runs once per call, in the
 * Worker's isolate with its local bindings. "Stood in" bindings answer at
 * once without doing anything, so a step's time is the Worker's own code
 * plus the bindings it names.
 */
export const STEPS = {
  code: 'POST /v1/inquiries, every binding stood in: Hono, CORS, body, checks, id, fingerprint, sealing, log line',
  limiter: '  the same, with the real rate limiter (the partner’s ceiling)',
  claim: '  the same, with the real D1 (the idempotency claim)',
  send: '  the same, with the real Queue send',
  intake: 'POST /v1/inquiries with every binding real',
  d1Call: 'one D1 call: SELECT 1',
  consumer: 'the queue consumer, per lead (batches of 100: open, check, seal, one D1 batch)',
  /** Sealing the consumer step's messages first, which is the intake's work: subtracted from it. */
  sealing: 'sealing the consumer step’s messages (subtracted)',
  healthz: 'GET /healthz',
  clinics: 'GET /v1/clinics, the body read',
} as const

export type Step = keyof typeof STEPS

export function isStep(name: string): name is Step {
  return Object.hasOwn(STEPS, name)
}

/** Leads per call of the consumer step: one batch, as INQUIRIES delivers them. */
export const CONSUMER_BATCH = 100
