import * as v from 'valibot'
import { CurrencyCode, Id, IsoDate, text } from './common.ts'
import { Provenance } from './provenance.ts'

/**
 * An exchange rate the operator publishes: 1 `base` = `rate` `quote`, as
 * `source` gave it for `date`, with the provenance of any verified fact.
 */
export const ExchangeRate = v.pipe(
  v.object({
    id: Id,
    base: CurrencyCode,
    quote: CurrencyCode,
    rate: v.pipe(v.number(), v.gtValue(0, 'A rate is above 0'), v.maxValue(1_000_000)),
    /** The day the rate is for; a rate older than RATE_MAX_AGE_DAYS is flagged and not used. */
    date: IsoDate,
    /** Who publishes it, e.g. "Banco de México, FIX". */
    source: text(120),
    provenance: Provenance,
  }),
  v.forward(
    v.check((r) => r.base !== r.quote, 'base and quote must differ'),
    ['quote'],
  ),
)

/** A rate as the API serves it: flagged stale by the Worker when it loads the catalog. */
export const ExchangeRateView = v.object({
  ...ExchangeRate.entries,
  stale: v.pipe(
    v.boolean(),
    v.description('True when the rate is older than the freshness limit: it is not used.'),
  ),
})

export type ExchangeRate = v.InferOutput<typeof ExchangeRate>
export type ExchangeRateView = v.InferOutput<typeof ExchangeRateView>
