import { createHash } from 'node:crypto'

/**
 * The `demo` partner's API key in local state only (`npm start`, the tests,
 * the bench): public on purpose, like the sample catalog, and never in a
 * catalog that is published anywhere else. `curl` and the bench send
 * requests as the partner's server with it.
 */
export const LOCAL_DEMO_API_KEY = 'cc-local-demo-partner-key-not-a-secret'

export const LOCAL_DEMO_API_KEY_SHA256 = createHash('sha256')
  .update(LOCAL_DEMO_API_KEY)
  .digest('hex')
