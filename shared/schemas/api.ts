import * as v from 'valibot'
import { ERROR_CODES } from '../errors.ts'
import { WARNING_CODES, WARNING_MEANINGS } from '../rules/warnings.ts'
import { Clinic, Route } from './clinic.ts'
import { CurrencyCode, IsoTimestamp, text } from './common.ts'
import { ExchangeRateView } from './exchange-rate.ts'
import { Package } from './package.ts'
import { Operator } from './provenance.ts'

/** A warning sign's code; the widget words it, the Worker computes it (shared/rules/warnings.ts). */
const WarningCode = v.pipe(
  v.picklist(WARNING_CODES),
  v.description(
    `A warning sign. ${WARNING_CODES.map((code) => `${code}: ${WARNING_MEANINGS[code]}`).join(' ')}`,
  ),
)

/** A clinic as the API serves it: the record with its packages and its warning signs. */
export const ClinicView = v.object({
  ...Clinic.entries,
  packages: v.array(Package),
  /** Computed by the Worker at load time with shared/rules/warnings.ts. */
  warnings: v.array(WarningCode),
  /** Everyone a `provenance.checkedBy` of this clinic or its packages names, from the catalog. */
  operators: v.array(Operator),
})

/** What a budget filter compared, so a partner or family can say so. */
const BudgetNote = v.object({
  maxPrice: v.number(),
  currency: v.string(),
  /** Rates the budget was compared at, by id: prices in their currencies were converted. */
  convertedWith: v.array(v.string()),
  /** Currencies of packages left out: no rate to the budget's currency, or only a stale one. */
  notCompared: v.array(v.string()),
})

export const ClinicsResponse = v.object({
  clinics: v.array(ClinicView),
  updatedAt: IsoTimestamp,
  /** Every rate of the catalog; a stale one is flagged and never used. */
  exchangeRates: v.array(ExchangeRateView),
  /** Present when `maxPrice` filtered the list. */
  budget: v.optional(BudgetNote),
})

const Amount = v.pipe(
  v.string(),
  v.regex(/^\d{1,9}(\.\d{1,2})?$/, 'Use a plain number such as 15000'),
  v.transform(Number),
)

/** Query filters of GET /v1/clinics. All optional; unknown keys are refused. */
export const ClinicsQuery = v.strictObject({
  route: v.optional(Route),
  /**
   * Keeps clinics with a package starting at or below this amount in
   * `currency`; prices in other currencies are converted at the catalog's
   * fresh rates, and packages with no fresh rate are left out (`budget` says which).
   */
  maxPrice: v.optional(Amount),
  /** The budget's currency; USD unless given. */
  currency: v.optional(CurrencyCode),
  city: v.optional(text(80)),
})

export type ClinicsQuery = v.InferOutput<typeof ClinicsQuery>

export const ErrorIssue = v.object({ path: v.string(), message: v.string() })

/** The one error shape every endpoint answers with. */
export const ErrorBody = v.object({
  error: v.picklist(ERROR_CODES),
  message: v.string(),
  issues: v.optional(v.array(ErrorIssue)),
})

export type ClinicView = v.InferOutput<typeof ClinicView>
export type ClinicsResponse = v.InferOutput<typeof ClinicsResponse>
export type BudgetNote = v.InferOutput<typeof BudgetNote>
export type ErrorBody = v.InferOutput<typeof ErrorBody>
export type ErrorIssue = v.InferOutput<typeof ErrorIssue>

/** Turns valibot issues into the API's `issues` list, with dotted paths. */
export function toErrorIssues(issues: readonly v.BaseIssue<unknown>[]): ErrorIssue[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message,
  }))
}
