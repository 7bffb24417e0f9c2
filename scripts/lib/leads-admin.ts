import { readFile } from 'node:fs/promises'
import { ACK_ITEMS_MAX } from '../../shared/schemas/leads-api.ts'
import { CliError, EXIT } from './cli.ts'
import { leaseIdsIn } from './lead-formats.ts'
import type { LeadsClient } from './leads-client.ts'

const say = (line: string) => process.stderr.write(`${line}\n`)

function chunks<T>(items: T[], size = ACK_ITEMS_MAX): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Acks the leases of a file (JSON Lines or CSV) written by `pull` without --ack. */
export async function ackFromFile(client: LeadsClient, file: string): Promise<number> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`, EXIT.usage)
  }
  let leaseIds: string[]
  try {
    leaseIds = leaseIdsIn(text)
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}.`, EXIT.usage)
  }
  let acked = 0
  for (const batch of chunks(leaseIds)) acked += (await client.ack({ acks: batch })).acked
  say(
    `Acknowledged ${acked} of ${leaseIds.length} lease(s) in ${file}.` +
      (acked < leaseIds.length
        ? ' The others had expired (those leads come back) or are gone (withdrawn, or purged after retention).'
        : ''),
  )
  return acked
}

/** Prints pending (or all) dead letters as a table on stdout. */
export async function listDeadLetters(client: LeadsClient, all: boolean): Promise<void> {
  const { deadLetters, more } = await client.deadLetters(all ? 'all' : 'pending')
  if (deadLetters.length === 0) {
    say(all ? 'No dead letters.' : 'No dead letters waiting for a replay.')
    return
  }
  for (const d of deadLetters) {
    process.stdout.write(
      `${d.id}\t${d.inquiryId ?? '-'}\t${d.reason}\t${d.attempts}\t${d.deadAt}\t${d.replayedAt ?? 'pending'}\n`,
    )
  }
  say(`${deadLetters.length} dead letter(s)${more ? ' (more exist; replay these first)' : ''}.`)
  say('Columns: message id, inquiry id, reason, attempts, dead at, replayed at.')
}

/** Replays the named dead letters, or every pending one with `all`. */
export async function replayDeadLetters(
  client: LeadsClient,
  ids: string[],
  all: boolean,
): Promise<void> {
  let targets = ids
  if (all) targets = (await client.deadLetters('pending')).deadLetters.map((d) => d.id)
  if (targets.length === 0) {
    say('Nothing to replay.')
    return
  }
  let replayed = 0
  let remaining = 0
  for (const batch of chunks(targets)) {
    const result = await client.replay(batch)
    replayed += result.replayed.length
    remaining = result.remaining
    for (const id of result.notFound) say(`${id}: no such dead letter, or replayed before`)
    for (const id of result.unreplayable)
      say(`${id}: its stored body is not an inquiry message; not replayed`)
    for (const id of result.failed) say(`${id}: the queue refused it this time; still pending`)
  }
  say(`Replayed ${replayed} of ${targets.length} dead letter(s) to the INQUIRIES queue.`)
  say(`${remaining} dead letter(s) still pending.`)
}
