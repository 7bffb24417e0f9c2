import { loadavg } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../scripts/lib/free-port.ts'
import { ROOT } from '../scripts/lib/wrangler.ts'
import { validInquiry } from './inquiry-body.ts'
import { startBenchServer, waitForQueueQuiet } from './server.ts'
import { CONSUMER_BATCH, STEPS, STEPS_PATH, type Step } from './steps-list.ts'
import { median } from './throughput.ts'

/**
 * `npm run bench:steps [-- CALLS]`: what one call of each step of the
 * Worker's work costs on local workerd with its local bindings
 * (bench/steps-worker.ts). A sample is one request running a step CALLS
 * times in a row (default 300), timed from here: the simulated D1, Queue
 * and rate limiter run in workerd's one thread, so this is the time that
 * thread spends per call. Each step is sampled 7 times; other work on the
 * machine only ever adds time, so the least sample is the steadiest figure
 * and the median shows how much the machine added.
 */
const calls = Number(process.argv[2] ?? 300)
const SAMPLES = 7
/** Steps whose calls reach the real Queue: the consumer must finish before the next sample. */
const SENDING: readonly Step[] = ['send', 'intake']

const server = await startBenchServer(await freePort(), {
  entry: join(ROOT, 'bench', 'steps-worker.ts'),
})
const loadAtStart = loadavg()[0] ?? 0
const body = JSON.stringify(validInquiry(server.catalog, 1))

/** µs per call of `step`, over one request running it `n` times. */
async function sample(step: Step, n: number): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${server.url}${STEPS_PATH}${step}?n=${n}`, {
    method: 'POST',
    body,
  })
  if (response.status !== 204)
    throw new Error(`${step}: ${response.status} ${await response.text()}`)
  const us = ((performance.now() - started) * 1000) / n
  if (SENDING.includes(step)) await waitForQueueQuiet(server)
  return us
}

try {
  const steps = Object.keys(STEPS) as Step[]
  const least: Partial<Record<Step, number>> = {}
  const middle: Partial<Record<Step, number>> = {}
  for (const step of steps) {
    // The consumer and sealing steps handle a batch per call.
    const n = step === 'consumer' || step === 'sealing' ? Math.max(3, calls / 30) : calls
    await sample(step, Math.ceil(n / 10))
    const samples: number[] = []
    for (let i = 0; i < SAMPLES; i++) samples.push(await sample(step, Math.ceil(n)))
    least[step] = Math.min(...samples)
    middle[step] = median(samples)
  }
  const rows = (perCall: Partial<Record<Step, number>>): [string, number][] => {
    const us = (step: Step) => perCall[step] ?? Number.NaN
    return [
      [STEPS.code, us('code')],
      ['  + the rate limiter call', us('limiter') - us('code')],
      ['  + the D1 idempotency claim', us('claim') - us('code')],
      ['  + the Queue send', us('send') - us('code')],
      [STEPS.intake, us('intake')],
      [STEPS.d1Call, us('d1Call')],
      [STEPS.consumer, (us('consumer') - us('sealing')) / CONSUMER_BATCH],
      [STEPS.healthz, us('healthz')],
      [STEPS.clinics, us('clinics')],
    ]
  }
  console.log(
    `Steps on local workerd, µs per call over ${SAMPLES} samples of ${calls} calls (load average ${loadAtStart.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end).`,
  )
  console.log('Reaching the Worker over HTTP (parsing, the asset router) is not in these figures.')
  console.log(' least  median')
  const medians = rows(middle)
  for (const [i, [what, value]] of rows(least).entries()) {
    const med = medians[i]?.[1] ?? Number.NaN
    console.log(`${value.toFixed(0).padStart(6)}  ${med.toFixed(0).padStart(6)}  ${what}`)
  }
} finally {
  await server.stop()
}
process.exit(0)
