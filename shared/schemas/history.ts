import * as v from 'valibot'
import { Id, IsoTimestamp } from './common.ts'

/** Records a clinic's public history covers: the clinic and its packages. */
const HISTORY_RECORDS = ['clinic', 'package'] as const

/** The most change sets one answer of GET /v1/clinics/:id/history carries, newest first. */
export const HISTORY_MAX_CHANGE_SETS = 100

const FieldChange = v.object({
  record: v.picklist(HISTORY_RECORDS),
  id: Id,
  kind: v.picklist(['added', 'removed', 'changed']),
  /** The changed field's dotted path; absent when the whole record was added or removed. */
  field: v.optional(v.string()),
  /** The value before, absent when there was none. */
  before: v.optional(v.unknown()),
  /** The value after, absent when there is none. */
  after: v.optional(v.unknown()),
})

/** A clinic's public change history: when, which fields, before and after. Never who or why. */
export const ClinicHistory = v.object({
  clinicId: Id,
  changeSets: v.array(
    v.object({
      publishedAt: IsoTimestamp,
      changes: v.array(FieldChange),
    }),
  ),
})

export type ClinicHistory = v.InferOutput<typeof ClinicHistory>
export type FieldChange = v.InferOutput<typeof FieldChange>
