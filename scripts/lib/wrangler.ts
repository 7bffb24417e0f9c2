import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const WRANGLER_BIN = fileURLToPath(
  new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url),
)

/** Quiet, offline-friendly defaults for every wrangler the project starts. */
export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  // Offline, workerd would try to fetch Request.cf data and print an ENOTFOUND stack.
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

export interface WranglerResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs wrangler on the Node that runs this script, from the project root. */
export function runWrangler(
  args: string[],
  options: { quiet?: boolean } = {},
): Promise<WranglerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER_BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...WRANGLER_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr }
      if (result.code !== 0 && !options.quiet) process.stderr.write(stdout + stderr)
      resolve(result)
    })
  })
}

export function wranglerBin(): string {
  return WRANGLER_BIN
}
