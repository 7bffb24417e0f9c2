import type { Delivery, MyRequestView, NamedClinic } from '../../shared/schemas/my-request.ts'
import type { Sealed } from '../crypto/lead-cipher.ts'
import { openLead } from '../leads/payload.ts'
import { type ReadEntry, readsOf } from '../leads/read-log.ts'

interface LeadRow {
  id: string
  partner_id: string
  received_at: number
  key_version: string
  key_check: string | null
  iv: string
  ciphertext: string
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Who received the lead and when, from the read log: one entry per coordinator label. */
function deliveries(reads: ReadEntry[]): Delivery[] {
  const byReader = new Map<string, Delivery>()
  for (const read of reads) {
    const entry = byReader.get(read.reader) ?? {
      recipient: read.reader,
      receivedAt: iso(read.at),
      acknowledgedAt: null,
    }
    if (read.event === 'pulled') entry.receivedAt = iso(read.at)
    if (read.event === 'acked') entry.acknowledgedAt = iso(read.at)
    byReader.set(read.reader, entry)
  }
  return [...byReader.values()]
}

/** The clinics a request named, by their names in the catalog as it is now. */
function namedClinics(ids: string[], nameOf: (id: string) => string | undefined): NamedClinic[] {
  return ids.map((id) => ({ id, name: nameOf(id) ?? null }))
}

/**
 * What the Worker keeps about one request, opened for the family that holds
 * its receipt. `nameOf` names a clinic from the catalog (the request keeps
 * only ids).
 */
export async function viewRequest(
  env: Pick<Env, 'LEADS' | 'LEADS_KEY'>,
  id: string,
  nameOf: (clinicId: string) => string | undefined,
): Promise<MyRequestView> {
  const [row, reads] = await Promise.all([
    env.LEADS.prepare(
      'SELECT id, partner_id, received_at, key_version, key_check, iv, ciphertext FROM leads WHERE id = ?1',
    )
      .bind(id)
      .first<LeadRow>(),
    readsOf(env.LEADS, id),
  ])
  if (!row) {
    return {
      id,
      status: 'queued',
      receivedAt: null,
      inquiry: null,
      flags: [],
      consent: null,
      deliveries: [],
      clinics: [],
    }
  }
  const binding = { id: row.id, partnerId: row.partner_id, receivedAt: row.received_at }
  const sealed: Sealed = {
    keyVersion: row.key_version,
    keyCheck: row.key_check,
    iv: row.iv,
    ciphertext: row.ciphertext,
  }
  const payload = await openLead(env.LEADS_KEY, binding, sealed)
  return {
    id,
    status: 'stored',
    receivedAt: iso(row.received_at),
    inquiry: payload.inquiry,
    flags: payload.flags,
    consent: 'consent' in payload ? payload.consent : null,
    deliveries: deliveries(reads),
    clinics: namedClinics(payload.inquiry.clinicIds, nameOf),
  }
}
