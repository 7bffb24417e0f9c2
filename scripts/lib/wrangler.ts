import { fileURLToPath } from 'node:url'
import { type ProcessResult, runProcess } from './process.ts'

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

/** Runs wrangler on the Node that runs this script, from the project root. */
export async function runWrangler(
  args: string[],
  options: { quiet?: boolean } = {},
): Promise<ProcessResult> {
  const result = await runProcess(process.execPath, [WRANGLER_BIN, ...args], {
    cwd: ROOT,
    env: WRANGLER_ENV,
  })
  if (result.code !== 0 && !options.quiet) process.stderr.write(result.stdout + result.stderr)
  return result
}

export function wranglerBin(): string {
  return WRANGLER_BIN
}
