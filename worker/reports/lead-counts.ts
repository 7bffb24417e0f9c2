import {
  REPORT_ROWS_MAX,
  type ReportResponse,
  type ReportRow,
  type ReportWindow,
} from '../../shared/schemas/reports.ts'

/** The SQL of each grouping; `by` comes from a picklist, so only these ever reach a query. */
const COLUMNS = {
  campaign: 'attr_campaign',
  day: "strftime('%Y-%m-%d', received_at / 1000, 'unixepoch')",
} as const

interface CountRow {
  partner: string
  campaign?: string | null
  day?: string
  received: number
  flagged: number
  acknowledged: number
}

/**
 * Counts leads from their clear columns only: a report never leases,
 * decrypts or returns a lead. Always per partner (campaign names are each
 * partner's own); `partnerId` narrows it to one partner.
 */
export async function countLeads(
  db: D1Database,
  window: ReportWindow,
  partnerId?: string,
): Promise<ReportResponse> {
  const extra = (['campaign', 'day'] as const).filter((d) => window.by.includes(d))
  const groups = ['partner_id', ...extra.map((d) => COLUMNS[d])]
  const select = ['partner_id AS partner', ...extra.map((d) => `${COLUMNS[d]} AS ${d}`)]
  const sql = `SELECT ${select.join(', ')},
      count(*) AS received,
      coalesce(sum(flagged_for_review = 1), 0) AS flagged,
      coalesce(sum(acked_at IS NOT NULL), 0) AS acknowledged
    FROM leads
    WHERE received_at >= ?1 AND received_at < ?2 ${partnerId === undefined ? '' : 'AND partner_id = ?4'}
    GROUP BY ${groups.join(', ')}
    ORDER BY ${groups.join(', ')}
    LIMIT ?3`
  const bound: (number | string)[] = [window.since, window.until, REPORT_ROWS_MAX + 1]
  if (partnerId !== undefined) bound.push(partnerId)
  const { results } = await db
    .prepare(sql)
    .bind(...bound)
    .all<CountRow>()
  const rows = results.slice(0, REPORT_ROWS_MAX).map(
    (r): ReportRow => ({
      partner: r.partner,
      ...(extra.includes('campaign') ? { campaign: r.campaign ?? null } : {}),
      ...(extra.includes('day') ? { day: r.day } : {}),
      received: r.received,
      flaggedForReview: r.flagged,
      acknowledged: r.acknowledged,
    }),
  )
  return {
    since: new Date(window.since).toISOString(),
    until: new Date(window.until).toISOString(),
    by: window.by,
    rows,
    more: results.length > REPORT_ROWS_MAX,
  }
}
