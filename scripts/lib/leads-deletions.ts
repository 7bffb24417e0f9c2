import { constants } from 'node:fs'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ACK_ITEMS_MAX } from '../../shared/schemas/leads-api.ts'
import { CliError, EXIT } from './cli.ts'
import { parseCsv } from './lead-formats.ts'
import type { LeadsClient } from './leads-client.ts'

const say = (line: string) => process.stderr.write(`${line}\n`)

/** A file's records as written, CSV (a record may hold quoted line breaks) or JSON Lines. */
function rawRecords(text: string, csv: boolean): string[] {
  if (!csv) return text.split(/(?<=\n)/).filter((line) => line !== '')
  const records: string[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (ch === '\n' && !quoted) {
      records.push(text.slice(start, i + 1))
      start = i + 1
    }
  }
  if (start < text.length) records.push(text.slice(start))
  return records
}

function idOf(record: string, csv: boolean, idColumn: number): string | undefined {
  if (csv) return parseCsv(record)[0]?.[idColumn]
  try {
    const id = (JSON.parse(record) as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  } catch {
    // A line this command did not write is kept as it is.
    return undefined
  }
}

/**
 * Rewrites `path` without the records of `ids`, atomically: a new file
 * beside it (0600, created exclusively), written whole and fsynced, renamed
 * over the old one, then the directory fsynced. A crash leaves the old file
 * or the new one, never half of either. Returns the ids it removed.
 */
export async function removeFromFile(path: string, ids: ReadonlySet<string>): Promise<string[]> {
  const full = resolve(path)
  let text: string
  try {
    text = await readFile(full, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return []
    throw new CliError(`Cannot read ${path} to remove withdrawn leads: ${code}.`, EXIT.cannotWrite)
  }
  const csv = text.startsWith('id,')
  const records = rawRecords(text, csv)
  const header = csv ? (records.shift() ?? '') : ''
  const idColumn = csv ? (parseCsv(header)[0] ?? []).indexOf('id') : 0
  const removed: string[] = []
  const kept = records.filter((record) => {
    const id = idOf(record, csv, idColumn)
    if (id === undefined || !ids.has(id)) return true
    removed.push(id)
    return false
  })
  if (removed.length === 0) return []
  const temporary = join(dirname(full), `.${basename(full)}.${process.pid}.rewrite`)
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW
  try {
    const handle = await open(temporary, flags, 0o600)
    try {
      await handle.writeFile(header + kept.join(''))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, full)
    const dir = await open(dirname(full), 'r')
    await dir.sync().finally(() => dir.close())
  } catch (error) {
    await rm(temporary, { force: true })
    throw new CliError(
      `Cannot rewrite ${path} without the withdrawn leads (${(error as NodeJS.ErrnoException).code ?? error}); their deletions were NOT acknowledged and come again on the next pull.`,
      EXIT.cannotWrite,
    )
  }
  return removed
}

/**
 * Leads their families withdrew after this coordinator received them: with
 * a file, their lines are removed first and only then the deletions are
 * acknowledged; without one, they are listed for the coordinator to delete
 * by hand, and come again on the next pull.
 */
export async function applyDeletions(
  client: LeadsClient,
  out: string | undefined,
  deletions: string[],
): Promise<void> {
  if (deletions.length === 0) return
  if (!out) {
    say(
      `${deletions.length} lead(s) you received were withdrawn by their families; delete them wherever you keep them (pull --out FILE removes them from FILE): ${deletions.join(', ')}`,
    )
    return
  }
  const removed = new Set(await removeFromFile(out, new Set(deletions)))
  let acked = 0
  for (let i = 0; i < deletions.length; i += ACK_ITEMS_MAX) {
    const batch = deletions.slice(i, i + ACK_ITEMS_MAX)
    acked += (await client.ack({ deletions: batch })).deletionsAcked
  }
  say(`Withdrawn by their families: ${removed.size} lead(s) removed from ${out}.`)
  const elsewhere = deletions.filter((id) => !removed.has(id))
  if (elsewhere.length > 0)
    say(`Not in ${out} (delete them from any other copy you keep): ${elsewhere.join(', ')}`)
  say(`${acked} deletion(s) acknowledged.`)
}
