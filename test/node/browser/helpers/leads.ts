/// <reference lib="dom" />
import { runWranglerCli } from '../../helpers/run.ts'

/** The ids in the local LEADS table of a test server's state. */
export async function leadIds(persistDir: string): Promise<string[]> {
  const result = await runWranglerCli([
    'd1',
    'execute',
    'LEADS',
    '--local',
    '--persist-to',
    persistDir,
    '--command',
    'SELECT id FROM leads',
    '--json',
  ])
  if (result.code !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr}`)
  const [first] = JSON.parse(result.stdout) as { results: { id: string }[] }[]
  return (first?.results ?? []).map((row) => row.id)
}

/**
 * Polls until the queue consumer has stored `id` (it batches with up to 1 s
 * delay), then waits a little longer so a duplicate would have time to land.
 */
export async function waitForLead(persistDir: string, id: string): Promise<string[]> {
  const deadline = Date.now() + 20_000
  let ids = await leadIds(persistDir)
  while (!ids.includes(id) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500))
    ids = await leadIds(persistDir)
  }
  await new Promise((r) => setTimeout(r, 2_000))
  return leadIds(persistDir)
}
