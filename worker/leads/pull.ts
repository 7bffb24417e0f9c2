import type { PulledLead, PullRequest } from '../../shared/schemas/leads-api.ts'
import { logEvent } from '../http/log.ts'
import { leaseLeads, parkLeases } from './lease.ts'
import { openLead } from './payload.ts'

/** How long a lead that cannot be opened stays out of the way. */
export const UNREADABLE_PARK_MS = 60 * 60 * 1000

export interface PullResult {
  leads: PulledLead[]
  skipped: number
}

/**
 * Leases a batch and decrypts it. A lead that cannot be opened never breaks
 * the pull: it is parked, logged by id and key version only, and counted.
 */
export async function pullLeads(
  env: Pick<Env, 'LEADS' | 'LEADS_KEY'>,
  request: PullRequest,
  now = Date.now(),
): Promise<PullResult> {
  const rows = await leaseLeads(env.LEADS, request, now)
  const opened = await Promise.all(
    rows.map(async (row) => {
      try {
        const payload = await openLead(env.LEADS_KEY, row.id, row.sealed)
        const lead: PulledLead = {
          leaseId: row.leaseId,
          id: row.id,
          receivedAt: new Date(row.receivedAt).toISOString(),
          attempts: row.attempts,
          inquiry: payload.inquiry,
          flags: payload.flags,
        }
        return lead
      } catch (error) {
        logEvent('error', 'leads.unreadable', {
          leadId: row.id,
          keyVersion: row.sealed.keyVersion,
          attempts: row.attempts,
          name: error instanceof Error ? error.name : typeof error,
        })
        return row.leaseId
      }
    }),
  )
  const leads = opened.filter((item): item is PulledLead => typeof item !== 'string')
  const unreadable = opened.filter((item): item is string => typeof item === 'string')
  await parkLeases(env.LEADS, unreadable, now + UNREADABLE_PARK_MS)
  return { leads, skipped: unreadable.length }
}
