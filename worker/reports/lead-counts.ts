import type { Partner } from '../../shared/schemas/partner.ts'
import {
  PARTNER_REPORT_MIN_COUNT,
  type PartnerReportDimension,
  type PartnerReportResponse,
  type PartnerReportRow,
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
  acknowledged: number
}

/**
 * Counts leads from their clear columns only: a report never leases,
 * decrypts or returns a lead. Always per partner (campaign names are each
 * partner's own). For coordinators.
 */
export async function countLeads(db: D1Database, window: ReportWindow): Promise<ReportResponse> {
  const extra = (['campaign', 'day'] as const).filter((d) => window.by.includes(d))
  const groups = ['partner_id', ...extra.map((d) => COLUMNS[d])]
  const select = ['partner_id AS partner', ...extra.map((d) => `${COLUMNS[d]} AS ${d}`)]
  const sql = `SELECT ${select.join(', ')},
      count(*) AS received,
      coalesce(sum(acked_at IS NOT NULL), 0) AS acknowledged
    FROM leads
    WHERE received_at >= ?1 AND received_at < ?2
    GROUP BY ${groups.join(', ')}
    ORDER BY ${groups.join(', ')}
    LIMIT ?3`
  const { results } = await db
    .prepare(sql)
    .bind(window.since, window.until, REPORT_ROWS_MAX + 1)
    .all<CountRow>()
  const rows = results.slice(0, REPORT_ROWS_MAX).map(
    (r): ReportRow => ({
      partner: r.partner,
      ...(extra.includes('campaign') ? { campaign: r.campaign ?? null } : {}),
      ...(extra.includes('day') ? { day: r.day } : {}),
      received: r.received,
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

interface Cell {
  day: string
  campaign: string | null
  received: number
}

/**
 * A partner's own counts. Every answer is built from (day, campaign) cells:
 * a cell under PARTNER_REPORT_MIN_COUNT is dropped first, then the rest are
 * summed into the rows asked for. Since every report is a sum of the same
 * visible cells, no difference of two reports (by day against by campaign,
 * one window against another) can bring a small cell back. `window` must
 * already be whole days (wholeDays).
 */
export async function countPartnerLeads(
  db: D1Database,
  partner: Pick<Partner, 'id' | 'campaigns'>,
  window: ReportWindow,
): Promise<PartnerReportResponse> {
  // Campaigns the partner does not list now count as none, so leads stored
  // before intake dropped unregistered campaigns cannot be singled out either.
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS.day} AS day,
         CASE WHEN attr_campaign IN (SELECT value FROM json_each(?4)) THEN attr_campaign END AS campaign,
         count(*) AS received
       FROM leads
       WHERE partner_id = ?1 AND received_at >= ?2 AND received_at < ?3
       GROUP BY day, campaign
       HAVING count(*) >= ?5`,
    )
    .bind(
      partner.id,
      window.since,
      window.until,
      JSON.stringify(partner.campaigns ?? []),
      PARTNER_REPORT_MIN_COUNT,
    )
    .all<Cell>()
  const byDay = window.by.includes('day')
  const byCampaign = window.by.includes('campaign')
  const rows = new Map<string, PartnerReportRow>()
  for (const cell of results) {
    const row: PartnerReportRow = {
      ...(byCampaign ? { campaign: cell.campaign ?? null } : {}),
      ...(byDay ? { day: cell.day } : {}),
      received: 0,
    }
    const key = JSON.stringify([row.day ?? '', row.campaign ?? ''])
    const existing = rows.get(key) ?? row
    existing.received += cell.received
    rows.set(key, existing)
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (a.day ?? '').localeCompare(b.day ?? '') ||
      (a.campaign ?? '').localeCompare(b.campaign ?? ''),
  )
  return {
    partner: partner.id,
    since: new Date(window.since).toISOString(),
    until: new Date(window.until).toISOString(),
    by: window.by.filter((d): d is PartnerReportDimension => d !== 'partner'),
    minimumCount: PARTNER_REPORT_MIN_COUNT,
    rows: sorted.slice(0, REPORT_ROWS_MAX),
    more: sorted.length > REPORT_ROWS_MAX,
  }
}
