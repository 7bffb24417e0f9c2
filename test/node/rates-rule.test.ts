import { describe, expect, it } from 'vitest'
import { isStaleRate } from '../../shared/rules/freshness.ts'
import { priceIn, RATE_MAX_AGE_DAYS, type RateFacts, rateFor } from '../../shared/rules/rates.ts'

const NOW = Date.parse('2026-06-15T12:00:00Z')

function rate(changes: Partial<RateFacts> = {}): RateFacts {
  return {
    id: 'usd-mxn',
    base: 'USD',
    quote: 'MXN',
    rate: 17.9,
    date: '2026-06-12',
    source: 'Banco de México, FIX (sample figure)',
    stale: false,
    ...changes,
  }
}

describe('exchange rates', () => {
  it('converts either way round by a fresh rate', () => {
    const dollars1 = { priceMin: 1, priceMax: 2, currency: 'USD' }
    expect(priceIn([rate()], dollars1, 'MXN')).toEqual({ min: 17.9, max: 35.8 })
    const pesos = { priceMin: 240_000, priceMax: 290_000, currency: 'MXN' }
    const dollars = priceIn([rate()], pesos, 'USD')
    expect(dollars?.min).toBeCloseTo(13_407.8, 1)
    expect(dollars?.max).toBeCloseTo(16_201.1, 1)
  })

  it('never converts by a stale rate, nor between currencies it does not name', () => {
    const pesos = { priceMin: 240_000, priceMax: 290_000, currency: 'MXN' }
    expect(priceIn([rate({ stale: true })], pesos, 'USD')).toBeUndefined()
    expect(rateFor([rate({ stale: true })], 'MXN', 'USD')?.stale).toBe(true)
    const euros = { priceMin: 1, priceMax: 2, currency: 'EUR' }
    expect(priceIn([rate()], euros, 'USD')).toBeUndefined()
    expect(priceIn([], euros, 'EUR')).toEqual({ min: 1, max: 2 })
  })

  it(`turns stale after ${RATE_MAX_AGE_DAYS} UTC days, not on the day`, () => {
    expect(isStaleRate('2026-06-01', NOW)).toBe(false)
    expect(isStaleRate('2026-05-31', NOW)).toBe(true)
    expect(RATE_MAX_AGE_DAYS).toBe(14)
  })
})
