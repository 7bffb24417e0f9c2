import type { Sealed } from '../crypto/lead-cipher.ts'
import { newLeaseId } from './lease-id.ts'

export interface LeasedRow {
  id: string
  leaseId: string
  partnerId: string
  receivedAt: number
  attempts: number
  sealed: Sealed
}

interface Row {
  id: string
  lease_id: string
  partner_id: string
  received_at: number
  attempts: number
  key_version: string
  key_check: string | null
  iv: string
  ciphertext: string
}

/**
 * Leases up to `batchSize` visible, unacked leads, oldest first, in ONE
 * statement: D1 runs each statement atomically against one SQLite database,
 * so two concurrent pulls can never select the same row. Each row gets its
 * own random lease id from the bound JSON array, by its rank in the batch.
 */
const LEASE_SQL = `
WITH picked AS (
  SELECT id, row_number() OVER (ORDER BY received_at, id) - 1 AS n
  FROM leads
  WHERE acked_at IS NULL AND visible_at <= ?1
  ORDER BY received_at, id
  LIMIT ?2
)
UPDATE leads
SET lease_id = json_extract(?3, '$[' || picked.n || ']'),
    visible_at = ?4,
    attempts = leads.attempts + 1
FROM picked
WHERE leads.id = picked.id
RETURNING leads.id, leads.lease_id, leads.partner_id, leads.received_at, leads.attempts,
          leads.key_version, leads.key_check, leads.iv, leads.ciphertext`

export async function leaseLeads(
  db: D1Database,
  options: { batchSize: number; visibilityTimeoutMs: number },
  now = Date.now(),
): Promise<LeasedRow[]> {
  const leaseIds = Array.from({ length: options.batchSize }, newLeaseId)
  const { results } = await db
    .prepare(LEASE_SQL)
    .bind(now, options.batchSize, JSON.stringify(leaseIds), now + options.visibilityTimeoutMs)
    .run<Row>()
  return results
    .map((row) => ({
      id: row.id,
      leaseId: row.lease_id,
      partnerId: row.partner_id,
      receivedAt: row.received_at,
      attempts: row.attempts,
      sealed: {
        keyVersion: row.key_version,
        keyCheck: row.key_check,
        iv: row.iv,
        ciphertext: row.ciphertext,
      },
    }))
    .sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1))
}

/**
 * Hides leads that cannot be opened for longer than a normal lease, so they
 * do not fill every batch; they come back on their own (after a LEADS_KEY
 * version is restored, say). Only the lease just taken is touched.
 */
export async function parkLeases(
  db: D1Database,
  leaseIds: string[],
  untilMs: number,
): Promise<void> {
  if (leaseIds.length === 0) return
  await db
    .prepare(
      `UPDATE leads SET visible_at = max(visible_at, ?1)
       WHERE lease_id IN (SELECT value FROM json_each(?2)) AND acked_at IS NULL`,
    )
    .bind(untilMs, JSON.stringify(leaseIds))
    .run()
}

/**
 * The key versions of the leads a lease taken now would pick: checked
 * against the keyring before anything is leased.
 */
export async function nextKeyVersions(
  db: D1Database,
  batchSize: number,
  now = Date.now(),
): Promise<{ keyVersion: string; keyCheck: string | null }[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT key_version, key_check FROM (
         SELECT key_version, key_check FROM leads
         WHERE acked_at IS NULL AND visible_at <= ?1
         ORDER BY received_at, id LIMIT ?2)`,
    )
    .bind(now, batchSize)
    .run<{ key_version: string; key_check: string | null }>()
  return results.map((row) => ({ keyVersion: row.key_version, keyCheck: row.key_check }))
}

/**
 * Takes back a lease this pull could not hand out: no lease id, visible at
 * once, its attempt not counted.
 */
export async function releaseLeases(
  db: D1Database,
  leaseIds: string[],
  now = Date.now(),
): Promise<void> {
  if (leaseIds.length === 0) return
  await db
    .prepare(
      `UPDATE leads SET lease_id = NULL, visible_at = ?1, attempts = max(attempts - 1, 0)
       WHERE lease_id IN (SELECT value FROM json_each(?2)) AND acked_at IS NULL`,
    )
    .bind(now, JSON.stringify(leaseIds))
    .run()
}
