/**
 * The `demo` partner's API key in local state only (`npm start`, the tests,
 * the bench): public on purpose, like the sample catalog, and never in a
 * catalog that is published anywhere else. `curl` and the bench send
 * requests as the partner's server with it. Plain text, no Node API: the
 * bench's instrumented Worker imports it too.
 */
export const LOCAL_DEMO_API_KEY = 'cc-local-demo-partner-key-not-a-secret'
