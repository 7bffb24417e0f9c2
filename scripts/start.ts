import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { TURNSTILE_TEST_SITE_KEYS } from '../shared/turnstile.ts'
import { buildWidget } from './lib/build-widget.ts'
import { ensureDevVars } from './lib/dev-vars.ts'
import { LOCAL_DEMO_API_KEY } from './lib/local-demo-key.ts'
import { parsePartnerOrigins, seedLocalState } from './lib/local-state.ts'
import { startTurnstileStandin } from './lib/turnstile-standin.ts'
import { ROOT, WRANGLER_ENV, wranglerBin } from './lib/wrangler.ts'

const port = Number(process.env.PORT ?? 8787)
const persistTo = resolve(ROOT, process.env.PERSIST_DIR ?? '.wrangler/state')
let partnerOrigins: string[] | undefined
try {
  partnerOrigins = parsePartnerOrigins(process.env.PARTNER_ORIGINS)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(2)
}

if (await ensureDevVars(ROOT)) console.log('Wrote .dev.vars with fresh local secrets.')
await buildWidget()
console.log(`Seeding local state in ${persistTo} ...`)
await seedLocalState(persistTo, port, partnerOrigins)
if (partnerOrigins) console.log(`The demo partners allow ${partnerOrigins.join(', ')}.`)
// No route to Cloudflare: Turnstile is a stand-in on loopback, with Cloudflare's
// test keys (always pass unless TURNSTILE_SITE_KEY / TURNSTILE_SECRET_KEY say otherwise).
const turnstile = await startTurnstileStandin()
const turnstileVars: Record<string, string> = {
  TURNSTILE_SITE_KEY: process.env.TURNSTILE_SITE_KEY ?? TURNSTILE_TEST_SITE_KEYS.alwaysPasses,
  TURNSTILE_SCRIPT_URL: turnstile.scriptUrl,
  TURNSTILE_VERIFY_URL: turnstile.verifyUrl,
}
// The secret is .dev.vars' (the always-pass test secret) unless this says otherwise.
if (process.env.TURNSTILE_SECRET_KEY) {
  turnstileVars.TURNSTILE_SECRET_KEY = process.env.TURNSTILE_SECRET_KEY
}
console.log(
  `Turnstile: local stand-in at ${turnstile.origin} with test site key ${turnstileVars.TURNSTILE_SITE_KEY}.`,
)
console.log(`The demo partner's local API key: ${LOCAL_DEMO_API_KEY}`)

const dev = spawn(
  process.execPath,
  [
    wranglerBin(),
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--persist-to',
    persistTo,
    ...Object.entries(turnstileVars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, env: { ...process.env, ...WRANGLER_ENV }, stdio: 'inherit' },
)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => dev.kill(signal))
}
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
