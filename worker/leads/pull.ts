import { sharingOf } from '../../shared/schemas/consent.ts'
import type { PulledLead, PullRequest, PullResponse } from '../../shared/schemas/leads-api.ts'
import { KeyringError, keyFor, keyringFor } from '../crypto/lead-cipher.ts'
import { ApiError } from '../http/api-error.ts'
import { logEvent } from '../http/log.ts'
import { leaseLeads, nextKeyVersions, parkLeases, releaseLeases } from './lease.ts'
import { openLead } from './payload.ts'
import { pendingDeletions, recordReads } from './read-log.ts'

class TamperedLead extends Error {
  override name = 'TamperedLead'
}

/** How long a lead that cannot be opened stays out of the way. */
const UNREADABLE_PARK_MS = 60 * 60 * 1000

function keyringUnusable(error: KeyringError): ApiError {
  logEvent('error', 'leads.keyring_unusable', { reason: error.message })
  return new ApiError(
    'leads_key_unusable',
    'LEADS_KEY cannot open the waiting leads; an operator must fix it (see /healthz). No lead was leased.',
    { cause: error },
  )
}

/**
 * Leases a batch and decrypts it. A keyring that cannot open the batch (it
 * is refused, lacks a version, or holds another key under a version's
 * label) is the operator's to fix: 503, and every lease is as it was. A
 * single damaged lead never breaks the pull: it is parked, logged by id and
 * key version only, and counted.
 */
export async function pullLeads(
  env: Pick<Env, 'LEADS' | 'LEADS_KEY'>,
  reader: string,
  request: PullRequest,
  now = Date.now(),
): Promise<PullResponse> {
  try {
    const keyring = await keyringFor(env.LEADS_KEY)
    for (const sealed of await nextKeyVersions(env.LEADS, request.batchSize, now))
      keyFor(keyring, sealed)
  } catch (error) {
    if (error instanceof KeyringError) throw keyringUnusable(error)
    throw error
  }
  const rows = await leaseLeads(env.LEADS, request, now)
  const opened = await Promise.all(
    rows.map(async (row) => {
      try {
        const payload = await openLead(env.LEADS_KEY, row, row.sealed)
        // Leads sealed before the partner was bound still name it inside.
        if (payload.inquiry.partnerId !== row.partnerId) throw new TamperedLead()
        const lead: PulledLead = {
          leaseId: row.leaseId,
          id: row.id,
          receivedAt: new Date(row.receivedAt).toISOString(),
          attempts: row.attempts,
          inquiry: payload.inquiry,
          flags: payload.flags,
          ...('consent' in payload ? { consent: payload.consent } : {}),
          sharing: sharingOf('consent' in payload ? payload.consent : undefined),
        }
        return lead
      } catch (error) {
        if (error instanceof KeyringError) return error
        // AES-GCM cannot tell damage from an edit: a row whose partner or time
        // was changed in D1 fails here too, and is never delivered with them.
        logEvent('error', 'leads.tampered_or_damaged', {
          leadId: row.id,
          keyVersion: row.sealed.keyVersion,
          attempts: row.attempts,
          name: error instanceof Error ? error.name : typeof error,
        })
        return row.leaseId
      }
    }),
  )
  const keyringError = opened.find((item) => item instanceof KeyringError)
  if (keyringError) {
    // A lead stored between the check and the lease; nothing of this pull is handed out.
    await releaseLeases(
      env.LEADS,
      rows.map((row) => row.leaseId),
      now,
    )
    throw keyringUnusable(keyringError)
  }
  const leads = opened.filter((item): item is PulledLead => typeof item === 'object')
  const unreadable = opened.filter((item): item is string => typeof item === 'string')
  await parkLeases(env.LEADS, unreadable, now + UNREADABLE_PARK_MS)
  // Recorded before the leads are handed out: a withdrawal must reach every coordinator who has one.
  const [, deletions] = await env.LEADS.batch<{ id: string }>([
    recordReads(
      env.LEADS,
      reader,
      'pulled',
      leads.map((lead) => lead.id),
      now,
    ),
    pendingDeletions(env.LEADS, reader),
  ])
  return {
    leads,
    skipped: unreadable.length,
    deletions: (deletions?.results ?? []).map((row) => row.id),
  }
}
