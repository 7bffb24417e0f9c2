import * as v from 'valibot'
import { ROUTES } from '../limits.ts'
import { LICENCE_KINDS } from '../rules/warnings.ts'
import { Id, IsoTimestamp, LanguageCode, text, uniqueItems } from './common.ts'
import { Provenance, RatingProvenance } from './provenance.ts'

const CELL_SOURCES = ['wharton-jelly-msc', 'cord-blood', 'other'] as const

export const Route = v.picklist(ROUTES, 'Use "iv" or "intrathecal"')
const CellSource = v.picklist(CELL_SOURCES)

const licenceFields = {
  /** The permit's number, or the aviso's filing number. */
  number: text(64),
  holderName: text(200),
  address: text(300),
  /** How the number, kind, holder and address were checked; `checkedAt` dates the licence. */
  provenance: Provenance,
}

/**
 * A COFEPRIS record as an operator last verified it: a licencia sanitaria
 * (a permit COFEPRIS granted, under a procedure such as COFEPRIS-09-023) or
 * an aviso de funcionamiento (a notice the clinic filed, not a permit).
 */
export const Licence = v.variant('kind', [
  v.object({
    kind: v.literal(LICENCE_KINDS[0]),
    procedure: v.pipe(
      v.string(),
      v.regex(
        /^COFEPRIS-\d{2}-\d{3}(-[A-Z])?$/,
        'Use the COFEPRIS procedure, e.g. COFEPRIS-09-023',
      ),
      v.description(
        'The COFEPRIS procedure the permit was granted under: COFEPRIS-09-023 for cell and tissue establishments.',
      ),
    ),
    ...licenceFields,
  }),
  v.object({ kind: v.literal(LICENCE_KINDS[1]), ...licenceFields }),
])

const CertificateOfAnalysis = v.object({
  provided: v.boolean(),
  minViabilityPercent: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  sterilityTested: v.boolean(),
  provenance: Provenance,
})

const Rating = v.object({
  value: v.pipe(v.number(), v.minValue(0), v.maxValue(5)),
  count: v.pipe(v.number(), v.integer(), v.minValue(1)),
  provenance: RatingProvenance,
})

export const Clinic = v.object({
  id: Id,
  /** True for the fictional records shipped with the project. */
  sample: v.boolean(),
  name: text(120),
  /** The facility's legal name and address, which the licences' holder and address must match. */
  facility: v.object({ name: text(200), address: text(300), provenance: Provenance }),
  city: text(80),
  licences: v.object({
    /** Lets a lab process and store cells; alone it does not allow treating patients. */
    stemCellBank: v.nullable(Licence),
    /** Lets the clinic administer cells to patients. */
    regenerativeMedicine: v.nullable(Licence),
  }),
  routes: v.pipe(
    v.array(Route),
    v.minLength(1, 'List at least one route'),
    v.check(uniqueItems, 'Routes must not repeat'),
  ),
  cellSource: CellSource,
  certificateOfAnalysis: CertificateOfAnalysis,
  physicianLedPlan: v.boolean(),
  languages: v.pipe(
    v.array(LanguageCode),
    v.minLength(1),
    v.maxLength(10),
    v.check(uniqueItems, 'Languages must not repeat'),
  ),
  rating: v.optional(Rating),
  updatedAt: IsoTimestamp,
})

export type Clinic = v.InferOutput<typeof Clinic>
export type Licence = v.InferOutput<typeof Licence>
export type Route = v.InferOutput<typeof Route>
