import * as v from 'valibot'
import {
  REPORT_DIMENSIONS,
  type ReportResponse,
  type ReportRow,
  reportQuery,
} from '../../shared/schemas/reports.ts'
import { UsageError } from './cli.ts'
import { csvLine } from './csv.ts'

export const REPORT_FORMATS = ['table', 'csv', 'json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ReportOptions {
  since?: string
  until?: string
  by?: string
  format?: string
}

/** What the CLI sends: checked here with the Worker's own schema, so a typo is a usage error. */
export function reportParams(options: ReportOptions, now = Date.now()): URLSearchParams {
  const query = {
    ...(options.since === undefined ? {} : { since: options.since }),
    ...(options.until === undefined ? {} : { until: options.until }),
    by: options.by ?? 'partner',
  }
  const checked = v.safeParse(reportQuery(now, REPORT_DIMENSIONS), query)
  if (!checked.success) {
    const problems = checked.issues.map((i) => `--${v.getDotPath(i) ?? 'query'}: ${i.message}`)
    throw new UsageError([...new Set(problems)].join('\n'))
  }
  return new URLSearchParams(query)
}

const COUNTS = [
  ['received', 'received'],
  ['acknowledged', 'acknowledged'],
] as const

/** The groupings present in the rows, in a fixed order; partner always. */
function columns(report: ReportResponse): ('partner' | 'campaign' | 'day')[] {
  return REPORT_DIMENSIONS.filter((d) => d === 'partner' || report.by.includes(d))
}

function cell(row: ReportRow, column: 'partner' | 'campaign' | 'day'): string {
  const value = row[column]
  return value === null || value === undefined ? '(none)' : value
}

export function formatCsv(report: ReportResponse): string {
  const groups = columns(report)
  const lines = [csvLine([...groups, ...COUNTS.map(([key]) => key)])]
  for (const row of report.rows) {
    lines.push(csvLine([...groups.map((g) => row[g] ?? null), ...COUNTS.map(([k]) => row[k])]))
  }
  return `${lines.join('\n')}\n`
}

/** A readable table with a total line; campaign "(none)" is leads without one. */
export function formatTable(report: ReportResponse): string {
  const groups = columns(report)
  const header = [...groups, ...COUNTS.map(([, label]) => label)]
  const body = report.rows.map((row) => [
    ...groups.map((g) => cell(row, g)),
    ...COUNTS.map(([key]) => String(row[key])),
  ])
  const total = [
    'total',
    ...groups.slice(1).map(() => ''),
    ...COUNTS.map(([key]) => String(report.rows.reduce((sum, row) => sum + row[key], 0))),
  ]
  const all = [header, ...body, total]
  const widths = header.map((_, i) => Math.max(...all.map((line) => (line[i] ?? '').length)))
  const render = (line: string[]) =>
    line
      .map((text, i) =>
        i < groups.length ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const title = `Leads received from ${report.since} until ${report.until} (UTC days)`
  if (report.rows.length === 0) return `${title}\nNo leads in this range.\n`
  return `${title}\n${[header, ...body].map(render).join('\n')}\n${render(total)}\n`
}

export function formatReport(report: ReportResponse, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  return format === 'csv' ? formatCsv(report) : formatTable(report)
}
