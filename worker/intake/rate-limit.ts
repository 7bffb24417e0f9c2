import { ApiError } from '../http/api-error.ts'

/** The Workers rate limiting binding counts per minute; a client is told to wait that long. */
const RETRY_AFTER_SECONDS = 60

/**
 * Limits inquiries per partner and client. The key is built from the partner
 * id as sent (valid or not) so a flood of bad bodies is limited too.
 */
export async function enforceInquiryLimit(
  limiter: RateLimit,
  partnerId: unknown,
  client: string,
): Promise<void> {
  const partner = typeof partnerId === 'string' ? partnerId.slice(0, 64) : '-'
  const { success } = await limiter.limit({ key: `${partner}|${client}` })
  if (!success) {
    throw new ApiError(
      'rate_limited',
      'Too many requests from here. Please wait a minute and try again.',
      {
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      },
    )
  }
}
