import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/**
 * Lints /openapi.json as the Worker serves it, with Redocly's recommended
 * rules (redocly.yaml). The document is asked of the app itself, in Node,
 * with no server: the app needs no binding to answer it.
 */
const root = fileURLToPath(new URL('..', import.meta.url))
// A variable specifier: the Worker is typed for workerd, this script for Node.
const appModule = new URL('../worker/app.ts', import.meta.url).href
const { app } = (await import(appModule)) as {
  app: { request: (path: string) => Response | Promise<Response> }
}
const response = await app.request('/openapi.json')
if (response.status !== 200) {
  console.error(`/openapi.json answered ${response.status}`)
  process.exit(1)
}
await mkdir(`${root}.tmp`, { recursive: true })
await writeFile(`${root}.tmp/openapi.json`, await response.text())
const lint = spawnSync(`${root}node_modules/.bin/redocly`, ['lint', 'worker', '--format=summary'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
})
if (lint.error) console.error(`Cannot run redocly: ${lint.error.message}`)
process.exit(lint.status ?? 1)
