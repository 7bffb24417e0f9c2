import * as v from 'valibot'
import { CHECK_METHODS, RATING_METHODS } from '../rules/provenance.ts'
import { Id, IsoDate, text } from './common.ts'

const Sha256 = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{64}$/, 'Use the SHA-256 of the evidence: 64 lowercase hex digits'),
)

/** A public link to the evidence; https only, so a family's browser never leaves TLS. */
const PublicUrl = v.pipe(
  v.string(),
  v.maxLength(500),
  v.url('Use a full URL'),
  v.startsWith('https://', 'Use an https:// URL'),
)

const provenanceFields = {
  /** The evidence the operator holds (a scan, a recording's notes), by its SHA-256. */
  evidenceSha256: Sha256,
  /** Where a family may see the evidence itself, when it is public. */
  evidenceUrl: v.optional(PublicUrl),
  /** Who checked: an operator id from the catalog's `operators`. */
  checkedBy: Id,
  /** When it was checked; stale signs and freshness count from this date. */
  checkedAt: IsoDate,
}

/** How, from what, by whom and when a verified fact was checked. */
export const Provenance = v.pipe(
  v.object({ method: v.picklist(CHECK_METHODS), ...provenanceFields }),
  v.description(
    "How an operator checked this fact (document-seen, registry-lookup, clinic-provided-copy, phone-confirmation), the SHA-256 of the evidence held, an optional public URL of it, who checked (an id in the clinic's operators) and when.",
  ),
)

/** A rating's provenance: as any fact's, or the public source it was read from. */
export const RatingProvenance = v.object({
  method: v.picklist(RATING_METHODS),
  /** The public source by name, e.g. a review site; a rating without one is flagged. */
  source: v.optional(text(120)),
  ...provenanceFields,
})

/** Someone who checks facts. `name` is what families read as "checked by". */
export const Operator = v.object({ id: Id, name: text(120) })

export type Provenance = v.InferOutput<typeof Provenance>
export type RatingProvenance = v.InferOutput<typeof RatingProvenance>
export type Operator = v.InferOutput<typeof Operator>
