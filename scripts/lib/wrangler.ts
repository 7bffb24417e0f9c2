import { fileURLToPath } from 'node:url'
import { CliError } from './cli.ts'
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
  // Every wrangler start compiles about 10 MB of JavaScript before it does
  // anything; Node keeps the compiled code here and the next start skips it.
  NODE_COMPILE_CACHE: fileURLToPath(new URL('../../node_modules/.cache/node', import.meta.url)),
}

/**
 * What a local-state command prints when a running `wrangler dev` held the
 * same SQLite file past workerd's own wait: SQLITE_BUSY from D1, a bare 500
 * from local KV.
 */
const LOCAL_STATE_BUSY = /SQLITE_BUSY|database is locked|failed: 500 Internal Server Error/

/** Waits before each new try of a busy local-state command: about 16 s in all. */
const BUSY_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000]

/**
 * Runs wrangler on the Node that runs this script, from the project root. A
 * command on local state (`--local`) that found it busy is run again: every
 * such command the project runs reads, or writes whole records (KV puts,
 * D1 migrations in their own transactions), so a second run is the same as one.
 * docs/operators.md: operator commands beside a running server.
 */
export async function runWrangler(
  args: string[],
  options: { quiet?: boolean } = {},
): Promise<ProcessResult & { tries: number }> {
  for (let attempt = 0; ; attempt++) {
    const result = await runProcess(process.execPath, [WRANGLER_BIN, ...args], {
      cwd: ROOT,
      env: WRANGLER_ENV,
    })
    const delay = BUSY_RETRY_DELAYS_MS[attempt]
    const busy =
      result.code !== 0 &&
      args.includes('--local') &&
      LOCAL_STATE_BUSY.test(result.stdout + result.stderr)
    if (!busy || delay === undefined) {
      if (result.code !== 0 && !options.quiet) process.stderr.write(result.stdout + result.stderr)
      return { ...result, tries: attempt + 1 }
    }
    if (!options.quiet) {
      process.stderr.write(
        `Local state is busy (a running server holds it); again in ${delay} ms.\n`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, delay))
  }
}

/** Runs wrangler and answers its stdout; a failure is `WHAT failed (wrangler exit N)`. */
export async function wranglerOrThrow(args: string[], what: string): Promise<string> {
  const result = await runWrangler(args)
  if (result.code !== 0) throw new CliError(`${what} failed (wrangler exit ${result.code})`)
  return result.stdout
}

export function wranglerBin(): string {
  return WRANGLER_BIN
}
