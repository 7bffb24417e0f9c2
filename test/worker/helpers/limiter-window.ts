import { RATE_LIMIT_PERIOD_SECONDS } from '../../../shared/rate-limits.ts'

const LIMITER_PERIOD_MS = RATE_LIMIT_PERIOD_SECONDS * 1000

/**
 * Local rate limiting counts in windows aligned to the wall clock (a new
 * count every whole minute), so a test that fills a window and then expects
 * its 429 fails whenever a minute turns in between: more likely the busier
 * the machine. Called first, it waits for the next window when fewer than
 * `needMs` remain of this one.
 */
export async function inOneLimiterWindow(needMs: number): Promise<void> {
  const left = LIMITER_PERIOD_MS - (Date.now() % LIMITER_PERIOD_MS)
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 100))
}
