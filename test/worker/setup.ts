import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

// Setup files may run more than once; applyD1Migrations skips applied ones.
await applyD1Migrations(env.LEADS, env.TEST_MIGRATIONS)
