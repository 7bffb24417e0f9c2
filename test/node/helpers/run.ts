import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, WRANGLER_ENV, wranglerBin } from '../../../scripts/lib/wrangler.ts'

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a project script (scripts/NAME.ts) the way `npm run` does, on this Node. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return run(process.execPath, [join(ROOT, 'scripts', script), ...args], env)
}

export function runWranglerCli(args: string[]): Promise<RunResult> {
  return run(process.execPath, [wranglerBin(), ...args], WRANGLER_ENV)
}

export function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}
