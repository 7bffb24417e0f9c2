import {
  type ForgetRequest,
  RIGHTS_DEADLINE_DAYS,
  type RightsEntry,
  type RightsResponse,
} from '../../shared/schemas/rights.ts'
import type { LeadsClient } from './leads-client.ts'

const say = (line: string) => process.stderr.write(`${line}\n`)

export const RIGHTS_FORMATS = ['table', 'json'] as const

/** A family's request by email: withdrawn like its own deletion, reaching every coordinator. */
export async function forget(client: LeadsClient, request: ForgetRequest): Promise<void> {
  const { withdrawn } = await client.forget(request)
  if (withdrawn.length === 0) {
    say(
      'No request matches: nothing was withdrawn. (Requests sent before email matching, or already purged, cannot be found by address.)',
    )
    return
  }
  for (const w of withdrawn) {
    const to = w.recipientsToNotify
    process.stdout.write(
      `${w.id}\twithdrawn ${w.withdrawnAt}\t${to.length === 0 ? 'no coordinator had received it' : `coordinators told on their next pull: ${to.join(' ')}`}\n`,
    )
  }
  say(
    `${withdrawn.length} request(s) withdrawn; their ciphertext is deleted and no copy becomes a lead again.`,
  )
}

/** Where a request stands against its deadline. */
function state(entry: RightsEntry): string {
  if (entry.complete) return 'complete'
  const left = RIGHTS_DEADLINE_DAYS - entry.ageDays
  const waiting = entry.recipients.filter((r) => !entry.confirmed.includes(r)).join(' ')
  return `${left < 0 ? `OVERDUE by ${-left} day(s)` : `${left} day(s) left`}; waiting for ${waiting}`
}

export function printRights(log: RightsResponse, format: (typeof RIGHTS_FORMATS)[number]): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(log, null, 2)}\n`)
    return
  }
  if (log.requests.length === 0) {
    say('No access or deletion requests.')
    return
  }
  const rows = log.requests.map((e) => [
    e.at,
    `${e.ageDays}d`,
    e.kind,
    e.via,
    e.inquiryId,
    e.kind === 'deletion' ? `${e.confirmed.length}/${e.recipients.length}` : '-',
    state(e),
  ])
  const header = ['at', 'age', 'kind', 'via', 'request', 'copies reached', 'state']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  for (const row of [header, ...rows]) {
    process.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    )
  }
  if (log.more) say('Warning: only the newest 1,000 are shown.')
}
