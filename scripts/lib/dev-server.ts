import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.ts'
import { ROOT } from './wrangler.ts'

export { freePort }

export interface DevServer {
  url: string
  port: number
  persistDir: string
  /** Everything the server printed, to assert on logs. */
  output: () => string
  devVars: () => Promise<Record<string, string>>
  stop: () => Promise<void>
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url}/healthz did not answer within ${timeoutMs} ms`)
}

interface StartOptions {
  vars?: Record<string, string>
  /** The port to listen on (default: a free one). */
  port?: number
  /** What the demo partners allow instead of the server's own origins (`PARTNER_ORIGINS`). */
  partnerOrigins?: string[]
  persistDir?: string
  /** Environment for `npm start` itself, e.g. TURNSTILE_SITE_KEY / TURNSTILE_SECRET_KEY test keys. */
  env?: Record<string, string>
}

/**
 * Runs the project's own `npm start` on a free port with
 * its own state directory, exactly as a newcomer would, and waits for it.
 */
export async function startDevServer(options: StartOptions = {}): Promise<DevServer> {
  try {
    return await startOnce(options)
  } catch (error) {
    // Wrangler picks its internal ports itself; two servers starting at the
    // same moment can race for one. That is the machine, not the product: once more.
    if (!String(error).includes('Address already in use')) throw error
    return startOnce(options)
  }
}

async function startOnce(options: StartOptions): Promise<DevServer> {
  const port = options.port ?? (await freePort())
  const persistDir = options.persistDir ?? (await mkdtemp(join(tmpdir(), 'cc-dev-')))
  const varArgs = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`])
  const child = spawn('npm', ['start', '--silent', '--', '--log-level', 'warn', ...varArgs], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      // Never a developer's own: a test's server allows only what the test says.
      PARTNER_ORIGINS: options.partnerOrigins?.join(' ') ?? '',
      PERSIST_DIR: persistDir,
      // Its own dev registry: wrangler dev sessions find each other (and a developer's
      // own `npm start`) through a shared one, and two of one Worker name must not meet.
      WRANGLER_REGISTRY_PATH: join(persistDir, 'registry'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    }
    if (!options.persistDir) await rm(persistDir, { recursive: true, force: true })
  }
  try {
    await waitForHealth(url, child, 90_000)
  } catch (error) {
    await stop()
    throw new Error(`${error instanceof Error ? error.message : error}\n${output}`)
  }
  return {
    url,
    port,
    persistDir,
    output: () => output,
    devVars: async () => parseDevVars(await readFile(join(ROOT, '.dev.vars'), 'utf8')),
    stop,
  }
}

function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim())
    if (match?.[1] && match[2] !== undefined) vars[match[1]] = match[2]
  }
  return vars
}
