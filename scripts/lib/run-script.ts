import { join } from 'node:path'
import { type ProcessResult, runProcess } from './process.ts'
import { ROOT, runWrangler } from './wrangler.ts'

export type RunResult = ProcessResult

/** Runs a project script (scripts/NAME.ts) the way `npm run` does, on this Node. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return runProcess(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env })
}

export function runWranglerCli(args: string[]): Promise<RunResult> {
  return runWrangler(args, { quiet: true })
}
