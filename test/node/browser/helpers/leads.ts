/// <reference lib="dom" />
import { queryLeadsDb } from '../../helpers/d1.ts'

/** The ids in the local LEADS table of a test server's state. */
export async function leadIds(persistDir: string): Promise<string[]> {
  return (await queryLeadsDb<{ id: string }>(persistDir, 'SELECT id FROM leads')).map(
    (row) => row.id,
  )
}

/**
 * Polls until the queue consumer has stored `id` (it batches with up to 1 s
 * delay), then waits a little longer so a duplicate would have time to land.
 * Each poll is a second process opening the server's D1 file; a write that
 * meets it can fail with SQLITE_BUSY and is retried by Queues after 2, 4, 8 …
 * s, so the wait covers several retries and polls no faster than once a second.
 */
export async function waitForLead(persistDir: string, id: string): Promise<string[]> {
  const deadline = Date.now() + 75_000
  let ids = await leadIds(persistDir)
  while (!ids.includes(id) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000))
    ids = await leadIds(persistDir)
  }
  await new Promise((r) => setTimeout(r, 2_000))
  return leadIds(persistDir)
}
