// Prices stay in their own currency; a family also sees them, approximately,
// in its own, at a rate the operator publishes with its date and source. The
// Worker flags each rate fresh or stale when it loads the catalog (isStaleRate,
// shared/rules/freshness.ts); the
// budget filter (Worker and widget) and the widget's approximate prices use
// only fresh ones. No valibot here: the widget's list imports it.

/** A rate dated more than this many days before today is stale: flagged, never used. */
export const RATE_MAX_AGE_DAYS = 14

/** An exchange rate as the API serves it: 1 `base` = `rate` `quote`, on `date`. */
export interface RateFacts {
  id: string
  base: string
  quote: string
  rate: number
  /** Calendar date the rate is for, YYYY-MM-DD. */
  date: string
  /** Who publishes it, e.g. Banco de México's FIX. */
  source: string
  /** Computed by the Worker when it loads the catalog. */
  stale: boolean
}

/** The rate between two currencies either way round, fresh or stale (one per pair: catalog:check). */
export function rateFor(
  rates: readonly RateFacts[],
  from: string,
  to: string,
): RateFacts | undefined {
  return rates.find(
    (r) => (r.base === from && r.quote === to) || (r.base === to && r.quote === from),
  )
}

/**
 * A price range in another currency, converted by a fresh rate either way
 * round; `undefined` when there is none. A stale rate never converts.
 */
export function priceIn(
  rates: readonly RateFacts[],
  price: { priceMin: number; priceMax: number; currency: string },
  currency: string,
): { min: number; max: number } | undefined {
  const from = price.currency
  if (from === currency) return { min: price.priceMin, max: price.priceMax }
  const rate = rateFor(rates, from, currency)
  if (!rate || rate.stale) return undefined
  const factor = rate.base === from ? rate.rate : 1 / rate.rate
  return { min: price.priceMin * factor, max: price.priceMax * factor }
}
