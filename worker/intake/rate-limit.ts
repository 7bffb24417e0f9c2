import { RATE_LIMIT_PERIOD_SECONDS } from '../../shared/rate-limits.ts'
import { ApiError } from '../http/api-error.ts'
import { clientKey } from './client-key.ts'

const limited = (message: string) =>
  new ApiError('rate_limited', message, {
    headers: { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) },
  })

/**
 * Limits inquiries per partner and client (an IPv6 client by its /64). The
 * key is built from the partner id as sent (valid or not) so a flood of bad
 * bodies is limited too.
 */
export async function enforceClientLimit(
  limiter: RateLimit,
  partnerId: unknown,
  address: string,
): Promise<void> {
  const partner = typeof partnerId === 'string' ? partnerId.slice(0, 64) : '-'
  const { success } = await limiter.limit({ key: `${partner}|${clientKey(address)}` })
  if (!success) throw limited('Too many requests from here. Please wait a minute and try again.')
}

/**
 * A ceiling per partner, above every client's own limit: what many addresses
 * at once can send in one partner's name. Counted only for requests that came
 * in one of the three ways (worker/intake/way-in.ts), so strangers cannot use
 * up a partner's minute.
 */
export async function enforcePartnerCeiling(limiter: RateLimit, partnerId: string): Promise<void> {
  const { success } = await limiter.limit({ key: partnerId })
  if (!success) {
    throw limited(
      'This site is sending more requests than usual. Please wait a minute and try again.',
    )
  }
}
