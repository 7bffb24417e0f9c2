/**
 * The period of every `[[ratelimits]]` binding in wrangler.toml, in each
 * environment (test/node/environments.test.ts holds them to it): a refused
 * client is told to wait this long (`Retry-After`), and tests that fill a
 * limit know when its count starts again.
 */
export const RATE_LIMIT_PERIOD_SECONDS = 60
