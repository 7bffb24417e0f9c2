import * as v from 'valibot'
import { standinFrameHeaders } from '../scripts/lib/turnstile-token.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { InquiryAccepted } from '../shared/schemas/inquiry.ts'
import { BENCH_PARTNER, validInquiry } from './inquiry-body.ts'
import { runPool, send } from './pool.ts'

export interface BurstResult {
  sent: number
  accepted: number
  leads: number
  duplicates: number
  lost: number
}

export interface BurstDetail {
  distinctAcceptedIds: number
  /** Repeats of a key that got another id than its first send. */
  repeatIdMismatches: number
  statuses: Record<string, number>
  drainMs: number
}

export interface LeadStore {
  leadIds: () => Promise<string[]>
}

interface Item {
  key: string
  body: string
  /** Index of the first send of this key, for a repeat. */
  repeatOf?: number
}

/** Every fifth request repeats an earlier key with its same body. */
function burstItems(catalog: CatalogFile, count: number, runId: string): Item[] {
  const items: Item[] = []
  for (let i = 0; i < count; i++) {
    const originals = items.filter((item) => item.repeatOf === undefined)
    if (i % 5 === 4 && originals.length > 0) {
      // Spread repeats over recent and older keys: some first sends are still in flight.
      const index = items.indexOf(originals[(i * 7919) % originals.length] as Item)
      const original = items[index] as Item
      items.push({ key: original.key, body: original.body, repeatOf: index })
    } else {
      items.push({ key: `burst-${runId}-${i}`, body: JSON.stringify(validInquiry(catalog, i)) })
    }
  }
  return items
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the consumer has stored every expected id and the count stops moving. */
async function drain(
  store: LeadStore,
  before: Set<string>,
  expected: number,
  timeoutMs: number,
): Promise<{ ids: string[]; ms: number }> {
  const started = Date.now()
  let last = -1
  let stableSince = Date.now()
  for (;;) {
    const ids = (await store.leadIds()).filter((id) => !before.has(id))
    if (ids.length !== last) {
      last = ids.length
      stableSince = Date.now()
    }
    const stableFor = Date.now() - stableSince
    // Complete and quiet for a while (a late duplicate would show), or stuck for long.
    if ((ids.length >= expected && stableFor >= 3000) || stableFor >= 15_000) {
      return { ids, ms: Date.now() - started - stableFor }
    }
    if (Date.now() - started > timeoutMs) return { ids, ms: Date.now() - started }
    await sleep(250)
  }
}

/**
 * 2,000 inquiries from 50 concurrent clients, a fifth of them repeats of
 * earlier keys, then the queue drained into D1 and compared with what the API
 * accepted. Leads already in the store before the burst are left out.
 */
export async function runBurst(
  url: string,
  origin: string,
  catalog: CatalogFile,
  store: LeadStore,
  options: { count?: number; concurrency?: number; runId: string },
): Promise<{ result: BurstResult; detail: BurstDetail }> {
  const items = burstItems(catalog, options.count ?? 2000, options.runId)
  const before = new Set(await store.leadIds())
  const responses = await runPool(items, options.concurrency ?? 50, (item) =>
    send(`${url}/v1/inquiries`, {
      method: 'POST',
      // The request frame's way in, with a fresh stand-in Turnstile token each time.
      headers: {
        'Content-Type': 'application/json',
        ...standinFrameHeaders(origin, BENCH_PARTNER),
        'Idempotency-Key': item.key,
      },
      body: item.body,
    }),
  )
  const statuses: Record<string, number> = {}
  const ids: (string | undefined)[] = responses.map((r) => {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1
    if (r.status !== 202) return undefined
    const parsed = v.safeParse(InquiryAccepted, JSON.parse(r.body))
    return parsed.success ? parsed.output.id : undefined
  })
  const accepted = new Set(ids.filter((id) => id !== undefined))
  const repeatIdMismatches = items.filter((item, i) => {
    const first = item.repeatOf === undefined ? undefined : ids[item.repeatOf]
    return first !== undefined && ids[i] !== undefined && ids[i] !== first
  }).length

  const drained = await drain(store, before, accepted.size, 90_000)
  const rows = drained.ids
  const stored = new Set(rows.filter((id) => accepted.has(id)))
  return {
    result: {
      sent: items.length,
      accepted: ids.filter((id) => id !== undefined).length,
      leads: rows.length,
      // Rows beyond one per distinct accepted id (ids are unique in the table,
      // so a doubled lead shows as a row under an id the API never gave).
      duplicates: rows.length - stored.size,
      lost: [...accepted].filter((id) => !stored.has(id)).length,
    },
    detail: {
      distinctAcceptedIds: accepted.size,
      repeatIdMismatches,
      statuses,
      drainMs: drained.ms,
    },
  }
}
