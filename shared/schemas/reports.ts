import * as v from 'valibot'
import { IsoDate, IsoTimestamp } from './common.ts'

/** How report rows may be grouped. Rows are always per partner: campaign names are each partner's own. */
export const REPORT_DIMENSIONS = ['partner', 'campaign', 'day'] as const
/** What a partner may group its own report by. */
export const PARTNER_REPORT_DIMENSIONS = ['campaign', 'day'] as const
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number]
export type PartnerReportDimension = (typeof PARTNER_REPORT_DIMENSIONS)[number]

/** `since` when none is given. */
export const REPORT_DEFAULT_SINCE = '30d'
/** The widest range one report covers, so a by-day report stays a bounded answer. */
export const REPORT_RANGE_MAX_DAYS = 400
/** Rows per answer; `more` says when a report had more groups than this. */
export const REPORT_ROWS_MAX = 5000

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

const AGE = /^(\d{1,4})([dh])$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * A report bound as milliseconds: `30d` / `12h` back from `now`, a UTC date
 * (its first instant; for `until` its last, so `until=2026-11-30` includes
 * that day), or an ISO timestamp. Undefined when it is none of these.
 */
export function reportInstant(
  text: string,
  now: number,
  edge: 'since' | 'until',
): number | undefined {
  const age = AGE.exec(text)
  if (age) return now - Number(age[1]) * (age[2] === 'd' ? DAY_MS : HOUR_MS)
  if (DATE.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`)
    // Date.parse rolls 2026-02-30 over into March; a real date reads back the same.
    if (!Number.isFinite(start) || new Date(start).toISOString().slice(0, 10) !== text) return
    return edge === 'until' ? start + DAY_MS : start
  }
  if (!v.is(IsoTimestamp, text)) return
  const instant = Date.parse(text)
  return Number.isFinite(instant) ? instant : undefined
}

const WHEN_MESSAGE = 'Use an age such as 30d or 12h, a date such as 2026-11-01, or an ISO timestamp'

function when(now: number, edge: 'since' | 'until') {
  return v.pipe(
    v.string(WHEN_MESSAGE),
    v.maxLength(40, WHEN_MESSAGE),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const instant = reportInstant(dataset.value, now, edge)
      if (instant === undefined) {
        addIssue({ message: WHEN_MESSAGE })
        return NEVER
      }
      return instant
    }),
  )
}

function groupings<const D extends readonly ReportDimension[]>(allowed: D) {
  const message = `Use by= with ${allowed.join(', ')} (comma-separated)`
  return v.pipe(
    v.string(message),
    v.maxLength(60, message),
    v.transform((text) => (text.trim() === '' ? [] : text.split(',').map((d) => d.trim()))),
    v.check((list) => list.every((d) => allowed.includes(d as D[number])), message),
    v.check((list) => new Set(list).size === list.length, 'A grouping is named twice'),
    // The checks above make the cast true; a picklist per item would name "by.1", not "by".
    v.transform((list) => list as D[number][]),
  )
}

/**
 * The query of a report, resolved against `now`: `since` defaults to 30 days
 * back, `until` to now; the range is half-open, [since, until).
 */
export function reportQuery<const D extends readonly ReportDimension[]>(now: number, allowed: D) {
  return v.pipe(
    v.strictObject({
      since: v.optional(when(now, 'since'), REPORT_DEFAULT_SINCE),
      until: v.optional(when(now, 'until'), '0h'),
      by: v.optional(groupings(allowed), ''),
    }),
    v.forward(
      v.partialCheck(
        [['since'], ['until']],
        ({ since, until }) => since < until,
        '`since` must be before `until`',
      ),
      ['since'],
    ),
    v.forward(
      v.partialCheck(
        [['since'], ['until']],
        ({ since, until }) => until - since <= REPORT_RANGE_MAX_DAYS * DAY_MS,
        `A report covers at most ${REPORT_RANGE_MAX_DAYS} days`,
      ),
      ['since'],
    ),
  )
}

export interface ReportWindow {
  since: number
  until: number
  by: ReportDimension[]
}

/** One group's counts for coordinators; only the groupings asked for are present. */
export const ReportRow = v.object({
  partner: v.string(),
  /** null: leads that carried no campaign. */
  campaign: v.optional(v.nullable(v.string())),
  /** The UTC day the API accepted the inquiry. */
  day: v.optional(IsoDate),
  received: v.number(),
  /** Of those received, how many a coordinator has acknowledged (at any time until now). */
  acknowledged: v.number(),
})

export const ReportResponse = v.object({
  since: IsoTimestamp,
  until: IsoTimestamp,
  by: v.array(v.picklist(REPORT_DIMENSIONS)),
  rows: v.array(ReportRow),
  /** More groups matched than the REPORT_ROWS_MAX rows returned. */
  more: v.boolean(),
})

export type ReportRow = v.InferOutput<typeof ReportRow>
export type ReportResponse = v.InferOutput<typeof ReportResponse>

/**
 * The smallest count a partner's report shows. Its rows are sums of
 * (day, campaign) cells of at least this many leads; smaller cells are left
 * out before anything is summed, so no combination of reports reveals them.
 */
export const PARTNER_REPORT_MIN_COUNT = 5

/** A partner's row: how many requests, nothing else about them. */
export const PartnerReportRow = v.object({
  /** null: requests that carried no campaign the partner registered. */
  campaign: v.optional(v.nullable(v.string())),
  /** A whole UTC day. */
  day: v.optional(IsoDate),
  received: v.number(),
})

export const PartnerReportResponse = v.object({
  partner: v.string(),
  /** Whole UTC days: the first instant of the first day counted. */
  since: IsoTimestamp,
  /** Exclusive; never later than the start of today (UTC): only completed days are counted. */
  until: IsoTimestamp,
  by: v.array(v.picklist(PARTNER_REPORT_DIMENSIONS)),
  /** Cells (day, campaign) under this count are left out of every row. */
  minimumCount: v.literal(PARTNER_REPORT_MIN_COUNT),
  rows: v.array(PartnerReportRow),
  more: v.boolean(),
})

export type PartnerReportRow = v.InferOutput<typeof PartnerReportRow>
export type PartnerReportResponse = v.InferOutput<typeof PartnerReportResponse>

/**
 * A partner's window in whole, completed UTC days: `since` back to the start
 * of its day, `until` forward to the end of its day but never past the start
 * of today, so a report cannot narrow to a moment or watch today's count grow.
 */
export function wholeDays(window: ReportWindow, now: number): ReportWindow {
  const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS
  const until = Math.min(Math.ceil(window.until / DAY_MS) * DAY_MS, startOfDay(now))
  const since = Math.min(startOfDay(window.since), until)
  return { ...window, since, until }
}
