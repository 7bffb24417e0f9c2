import { runWranglerCli } from '../../../scripts/lib/run-script.ts'

/** Runs one SQL query on the local LEADS database of a test server's state, with wrangler. */
export async function queryLeadsDb<Row>(persistDir: string, sql: string): Promise<Row[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await queryOnce<Row>(persistDir, sql)
    } catch (error) {
      // The running Worker may hold the SQLite file for a moment (SQLITE_BUSY): that is the
      // test reading a live server's state, not the product. Read again, a few times.
      if (attempt >= 5 || !String(error).includes('SQLITE_BUSY')) throw error
      await new Promise((r) => setTimeout(r, 200 * attempt))
    }
  }
}

async function queryOnce<Row>(persistDir: string, sql: string): Promise<Row[]> {
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
