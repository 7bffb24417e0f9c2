import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { buildWidget } from './lib/build-widget.ts'
import { ensureDevVars } from './lib/dev-vars.ts'
import { seedLocalState } from './lib/local-state.ts'
import { ROOT, WRANGLER_ENV, wranglerBin } from './lib/wrangler.ts'

const port = Number(process.env.PORT ?? 8787)
const persistTo = resolve(ROOT, process.env.PERSIST_DIR ?? '.wrangler/state')

if (await ensureDevVars(ROOT)) console.log('Wrote .dev.vars with fresh local secrets.')
await buildWidget()
console.log(`Seeding local state in ${persistTo} ...`)
await seedLocalState(persistTo, port)

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
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, env: { ...process.env, ...WRANGLER_ENV }, stdio: 'inherit' },
)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => dev.kill(signal))
}
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
