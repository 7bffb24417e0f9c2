import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedLocalState } from '../../scripts/lib/local-state.ts'
import { runWrangler } from '../../scripts/lib/wrangler.ts'

let persistTo: string

beforeAll(async () => {
  persistTo = await mkdtemp(join(tmpdir(), 'cc-busy-'))
  await seedLocalState(persistTo, 8787)
})
afterAll(() => rm(persistTo, { recursive: true, force: true }))

/**
 * Holds the write lock of local KV's SQLite file for `ms` from another
 * process, as a running `wrangler dev` does while it writes, only for longer
 * than workerd waits (from a shell it answered a write with a 500 after about
5 s; under vitest it waited: either way the command must succeed). Resolves
 * once the lock is held, with its release.
 */
async function holdKvWriteLock(ms: number): Promise<Promise<void>> {
  const folder = join(persistTo, 'v3', 'kv', 'miniflare-KVNamespaceObject')
  const file = (await readdir(folder)).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (!file) throw new Error(`no KV database in ${folder}`)
  const holder = spawn(
    process.execPath,
    [
      '--no-warnings',
      '--input-type=module',
      '-e',
      `import { DatabaseSync } from 'node:sqlite'
       const db = new DatabaseSync(${JSON.stringify(join(folder, file))})
       db.exec('BEGIN EXCLUSIVE')
       console.log('held')
       setTimeout(() => db.exec('COMMIT'), ${ms})`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const released = new Promise<void>((resolve) => holder.once('exit', () => resolve()))
  await new Promise((resolve, reject) => {
    holder.stdout.once('data', resolve)
    holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)))
  })
  return released
}

const kv = (...args: string[]) =>
  runWrangler(
    ['kv', 'key', ...args, '--binding', 'CATALOG', '--local', '--persist-to', persistTo],
    {
      quiet: true,
    },
  )

describe('a command on local state that a running server holds', () => {
  it('tries again until the state is free, then does its work', async () => {
    const released = await holdKvWriteLock(10_000)
    const put = await kv('put', 'busy-probe', 'written')
    await released
    expect(put.code, `${put.tries} tries: ${put.stdout}${put.stderr}`).toBe(0)
    expect((await kv('get', 'busy-probe')).stdout.trim()).toBe('written')
  })
})
