import { RIGHTS_LIST_MAX, type RightsEntry } from '../../shared/schemas/rights.ts'

const DAY_MS = 24 * 60 * 60 * 1000

interface Row {
  id: string
  inquiry_id: string
  kind: 'access' | 'deletion'
  via: string
  at: number
  recipients: string | null
  confirmed: string | null
}

/**
 * The access and deletion requests, newest first, each with its age and,
 * for a deletion, which coordinators that had received the lead have
 * confirmed deleting their copies (from the read log).
 */
export async function rightsLog(
  db: D1Database,
  now = Date.now(),
): Promise<{ requests: RightsEntry[]; more: boolean }> {
  const { results } = await db
    .prepare(
      `SELECT q.id, q.inquiry_id, q.kind, q.via, q.at,
         (SELECT json_group_array(reader) FROM lead_reads
           WHERE lead_id = q.inquiry_id AND event = 'pulled') AS recipients,
         (SELECT json_group_array(reader) FROM lead_reads
           WHERE lead_id = q.inquiry_id AND event = 'deletion-acked') AS confirmed
       FROM rights_requests q ORDER BY q.at DESC, q.id LIMIT ?1`,
    )
    .bind(RIGHTS_LIST_MAX + 1)
    .run<Row>()
  const requests = results.slice(0, RIGHTS_LIST_MAX).map((row) => {
    const recipients = JSON.parse(row.recipients ?? '[]') as string[]
    const confirmed = row.kind === 'deletion' ? (JSON.parse(row.confirmed ?? '[]') as string[]) : []
    return {
      id: row.id,
      inquiryId: row.inquiry_id,
      kind: row.kind,
      via: row.via,
      at: new Date(row.at).toISOString(),
      ageDays: Math.floor((now - row.at) / DAY_MS),
      recipients,
      confirmed,
      complete: row.kind === 'access' || recipients.every((r) => confirmed.includes(r)),
    }
  })
  return { requests, more: results.length > RIGHTS_LIST_MAX }
}
