import { runWranglerCli } from '../../../scripts/lib/run-script.ts'

/**
 * Runs one SQL query on the local LEADS database of a test server's state, with
 * wrangler (which tries again while the running server holds the file: runWrangler).
 */
export async function queryLeadsDb<Row>(persistDir: string, sql: string): Promise<Row[]> {
  const result = await runWranglerCli([
    'd1',
    'execute',
    'LEADS',
    '--local',
    '--persist-to',
    persistDir,
    '--json',
    '--command',
    sql,
  ])
  if (result.code !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr}`)
  const [answer] = JSON.parse(result.stdout) as { results: Row[] }[]
  return answer?.results ?? []
}
