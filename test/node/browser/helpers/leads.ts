import type { DevServer } from '../../../../scripts/lib/dev-server.ts'
import {
  PULL_BATCH_SIZE_MAX,
  type PullResponse,
  VISIBILITY_TIMEOUT_MS_MAX,
} from '../../../../shared/schemas/leads-api.ts'

export interface LeadWatch {
  /** The ids of every lead stored so far, sorted. */
  ids(): Promise<string[]>
  /**
   * Waits until `id` is stored (the consumer batches with up to 1 s delay, and
   * a failed write waits for a queue retry), then a little longer, so a
   * duplicate would have time to land; returns `ids()`.
   */
  waitFor(id: string): Promise<string[]>
}

/**
 * Sees a test server's leads the way a coordinator does: pulled through the
 * running Worker (leased for the longest visibility timeout, never acked).
 * A test never opens the server's D1 file from a second process while the
 * server writes it: that made the consumer's writes fail (SQLITE_BUSY) and
 * wait for queue retries. Ids are kept across pulls, since a pulled lead is
 * hidden from the next pull; a lead is never stored twice under one id (the
 * primary key), so a second lead for one request shows as a second id.
 */
export function watchLeads(server: DevServer): LeadWatch {
  const seen = new Set<string>()
  // .dev.vars is written once by `npm start`: read it once, not on every poll.
  const token = server
    .devVars()
    .then(({ COORDINATOR_TOKENS = '' }) => COORDINATOR_TOKENS.split(',')[0])
  const pull = async (): Promise<void> => {
    const authorization = `Bearer ${await token}`
    for (;;) {
      const response = await fetch(`${server.url}/v1/leads/pull`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          batchSize: PULL_BATCH_SIZE_MAX,
          visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS_MAX,
        }),
      })
      if (!response.ok) throw new Error(`pull: ${response.status} ${await response.text()}`)
      const { leads } = (await response.json()) as PullResponse
      for (const lead of leads) seen.add(lead.id)
      if (leads.length < PULL_BATCH_SIZE_MAX) return
    }
  }
  const ids = async () => {
    await pull()
    return [...seen].sort()
  }
  return {
    ids,
    async waitFor(id) {
      const deadline = Date.now() + 75_000
      while (!(await ids()).includes(id) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500))
      }
      await new Promise((r) => setTimeout(r, 2_000))
      return ids()
    },
  }
}
