import * as v from 'valibot'
import { CurrencyCode, Id, text } from './common.ts'
import { Provenance } from './provenance.ts'

const Price = v.pipe(v.number(), v.minValue(0), v.maxValue(10_000_000))

export const Package = v.pipe(
  v.object({
    id: Id,
    clinicId: Id,
    name: text(120),
    priceMin: Price,
    priceMax: Price,
    /** Prices are shown in their own currency, and approximately in the family's at a published rate. */
    currency: CurrencyCode,
    includes: v.pipe(v.array(text(200)), v.maxLength(20)),
    /** How the prices and what they include were checked. */
    provenance: Provenance,
  }),
  v.forward(
    v.check((p) => p.priceMax >= p.priceMin, 'priceMax must not be below priceMin'),
    ['priceMax'],
  ),
)

export type Package = v.InferOutput<typeof Package>
