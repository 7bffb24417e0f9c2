import { type ChildProcess, spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import * as v from 'valibot'
import { standinFrameHeaders } from '../scripts/lib/turnstile-token.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { InquiryAccepted } from '../shared/schemas/inquiry.ts'
import { type BurstResult, burstItems, drain, type Item, type LeadStore, tally } from './burst.ts'
import { BENCH_PARTNER } from './inquiry-body.ts'
import { runPool } from './pool.ts'

export type SoakResult = BurstResult

export interface SoakDetail {
  distinctAcceptedIds: number
  /** Requests whose answer the client cut (it hung up before reading it), then sent again. */
  cut: number
  /** Attempts beyond the first, for cut answers and transient refusals (503, no connection). */
  retries: number
  /** Final status of each request. */
  statuses: Record<string, number>
  repeatIdMismatches: number
  sendMs: number
  /** From the last answer to the last lead stored (the consumer catching up under load). */
  drainMs: number
  /** Busy threads of the competing process, one per core. */
  competingThreads: number
  concurrency: number
}

/** Every seventh request has its first answer cut, after 0 to 24 ms. */
const cutAfterMs = (index: number): number | undefined =>
  index % 7 === 3 ? (index * 13) % 25 : undefined

const MAX_ATTEMPTS = 10

/**
 * Another process that keeps every core busy (one spinning thread each) for
 * as long as the soak runs: the Worker, its queue consumer and this client
 * compete for the CPU, as on a loaded machine.
 */
function startCompetitor(threads: number): ChildProcess {
  const script = `
    const { Worker } = require('node:worker_threads')
    for (let i = 0; i < ${threads}; i++) new Worker('for (;;) {}', { eval: true })
  `
  return spawn(process.execPath, ['-e', script], { stdio: 'ignore' })
}

function stopCompetitor(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGKILL')
  return exited
}

interface Outcome {
  status: number
  id: string | undefined
  attempts: number
  cut: boolean
}

/**
 * Sends one request as the widget does: on a cut answer, no connection or a
 * 503 it sends the same body with the same Idempotency-Key again, until an
 * answer it can act on.
 */
async function sendUntilAnswered(
  url: string,
  origin: string,
  item: Item,
  cutMs: number | undefined,
): Promise<Outcome> {
  let cut = false
  for (let attempt = 1; ; attempt++) {
    const controller = new AbortController()
    const cutNow = attempt === 1 && cutMs !== undefined
    const timer = cutNow ? setTimeout(() => controller.abort(), cutMs) : undefined
    let status = 0
    let body = ''
    try {
      const response = await fetch(`${url}/v1/inquiries`, {
        method: 'POST',
        // The request frame's way in, with a fresh stand-in Turnstile token each time.
        headers: {
          'Content-Type': 'application/json',
          ...standinFrameHeaders(origin, BENCH_PARTNER),
          'Idempotency-Key': item.key,
        },
        body: item.body,
        signal: controller.signal,
      })
      body = await response.text()
      status = response.status
    } catch {
      cut ||= controller.signal.aborted
    } finally {
      clearTimeout(timer)
    }
    // An answer that came in before the cut counts as read: nothing was cut.
    if (status === 202) {
      const parsed = v.safeParse(InquiryAccepted, JSON.parse(body))
      return { status, id: parsed.success ? parsed.output.id : undefined, attempts: attempt, cut }
    }
    if ((status !== 0 && status !== 503) || attempt >= MAX_ATTEMPTS) {
      return { status, id: undefined, attempts: attempt, cut }
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
  }
}

/**
 * A few thousand inquiries (a fifth repeating earlier keys, every seventh
 * with its first answer cut and sent again) while another process keeps every
 * core busy; then the queue drained into D1 and compared with what the API
 * accepted. Leads already in the store are left out.
 */
export async function runSoak(
  url: string,
  origin: string,
  catalog: CatalogFile,
  store: LeadStore,
  options: { count?: number; concurrency?: number; competingThreads?: number; runId: string },
): Promise<{ result: SoakResult; detail: SoakDetail }> {
  const items = burstItems(catalog, options.count ?? 3000, `soak-${options.runId}`)
  const concurrency = options.concurrency ?? 20
  const before = new Set(await store.leadIds())
  const threads = options.competingThreads ?? availableParallelism()
  const competitor = startCompetitor(threads)
  try {
    const started = Date.now()
    const outcomes = await runPool(items, concurrency, (item, i) =>
      sendUntilAnswered(url, origin, item, cutAfterMs(i)),
    )
    const sendMs = Date.now() - started
    const ids = outcomes.map((o) => o.id)
    const distinctAcceptedIds = new Set(ids.filter((id) => id !== undefined)).size
    const drained = await drain(store, before, distinctAcceptedIds, 180_000)
    const statuses: Record<string, number> = {}
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1
    return {
      result: tally(ids, drained.ids),
      detail: {
        distinctAcceptedIds,
        cut: outcomes.filter((o) => o.cut).length,
        retries: outcomes.reduce((n, o) => n + o.attempts - 1, 0),
        statuses,
        repeatIdMismatches: items.filter((item, i) => {
          const first = item.repeatOf === undefined ? undefined : ids[item.repeatOf]
          return first !== undefined && ids[i] !== undefined && ids[i] !== first
        }).length,
        sendMs,
        drainMs: drained.ms,
        competingThreads: threads,
        concurrency,
      },
    }
  } finally {
    await stopCompetitor(competitor)
  }
}
