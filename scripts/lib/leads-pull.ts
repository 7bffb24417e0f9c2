import { UsageError } from './cli.ts'
import type { LeadsClient } from './leads-client.ts'
import type { LeadSink } from './leads-sink.ts'

export interface PullOptions {
  batchSize: number
  visibilityTimeoutMs: number
  ack: boolean
}

export interface PullSummary {
  pulled: number
  written: number
  acked: number
  /** Acks the Worker did not count: the lease expired first, so the lead comes back. */
  lateAcks: number
  skipped: number
  /** Leads this token received that their families withdrew since (see leads-deletions.ts). */
  deletions: string[]
}

const say = (line: string) => process.stderr.write(`${line}\n`)

/**
 * Pulls until a pull comes back empty. Every batch is written whole and
 * fsynced before it is acked (so only a file sink may ack), so an acked lead
 * is always in the output; a crash in between leaves leads unacked, and they
 * come back after their visibility timeout (at-least-once: dedupe by `id`).
 */
export async function pullAll(
  client: LeadsClient,
  sink: LeadSink,
  options: PullOptions,
): Promise<PullSummary> {
  if (options.ack && !sink.durable) {
    throw new UsageError(
      `pull --ack needs --out FILE: ${sink.name} (a pipe, a terminal) cannot show that the leads were kept, and an acknowledged lead is never handed out again. Without --ack, nothing is acknowledged.`,
    )
  }
  const summary: PullSummary = {
    pulled: 0,
    written: 0,
    acked: 0,
    lateAcks: 0,
    skipped: 0,
    deletions: [],
  }
  const seen = new Set<string>()
  const withdrawn = new Set<string>()
  for (;;) {
    const { leads, skipped, deletions } = await client.pull(
      options.batchSize,
      options.visibilityTimeoutMs,
    )
    // A Worker from before deletions answers none.
    for (const id of deletions ?? []) withdrawn.add(id)
    summary.deletions = [...withdrawn]
    summary.skipped += skipped
    if (leads.length === 0 && skipped === 0) break
    summary.pulled += leads.length
    const fresh = leads.filter((lead) => !seen.has(lead.id))
    const repeated = leads.length - fresh.length
    if (fresh.length > 0) {
      await sink.write(fresh)
      summary.written += fresh.length
    }
    for (const lead of fresh) seen.add(lead.id)
    if (options.ack && leads.length > 0) {
      const { acked } = await client.ack({ acks: leads.map((lead) => lead.leaseId) })
      summary.acked += acked
      summary.lateAcks += leads.length - acked
    }
    say(
      `pulled ${leads.length}${skipped ? ` (+${skipped} unreadable, skipped)` : ''}, ` +
        `${summary.written} written${options.ack ? `, ${summary.acked} acked` : ''}`,
    )
    // Without acks, a lead seen twice means its lease ran out during this run: everything is out.
    if (!options.ack && repeated > 0) break
  }
  return summary
}

export function printSummary(summary: PullSummary, sink: LeadSink, ack: boolean): void {
  if (summary.pulled === 0 && summary.skipped === 0) {
    say('No leads waiting.')
    return
  }
  say(
    `Done: ${summary.written} lead(s) written to ${sink.name}` +
      (ack
        ? `, ${summary.acked} acknowledged.`
        : ', none acknowledged (run with --ack to acknowledge).'),
  )
  if (summary.lateAcks > 0) {
    say(
      `Warning: ${summary.lateAcks} ack(s) came after the lease expired; those leads will be pulled again (they are already in the output; dedupe by id). Use a longer --visibility.`,
    )
  }
  if (summary.skipped > 0) {
    say(
      `Warning: ${summary.skipped} lead(s) could not be decrypted and were skipped; an operator should check the Worker logs (event leads.unreadable).`,
    )
  }
}
