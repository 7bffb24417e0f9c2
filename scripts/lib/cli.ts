import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'

/** Exit codes every operator command keeps to, so a scheduled job can branch on them. */
export const EXIT = {
  /** Done; nothing to report. */
  ok: 0,
  /** Done, and found what the command looks for (a difference, a stale licence, a bad record). */
  found: 1,
  /** Could not do it: bad arguments, an unreadable file, a failed wrangler call. */
  error: 2,
} as const

/** A failure the operator can act on: its message is printed, no stack. */
export class CliError extends Error {}

/** Where a command reads or writes the catalog: local state, or an environment's namespace. */
export interface Target {
  local: boolean
  persistTo?: string
  env?: string
}

export const TARGET_USAGE = '--local [--persist-to DIR] | --env NAME'

export const TARGET_OPTIONS = {
  local: { type: 'boolean', default: false },
  'persist-to': { type: 'string' },
  env: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig

/**
 * The target the flags name. Without --local or --env nothing is assumed:
 * the top-level bindings are for local development, so a remote write needs
 * an environment by name.
 */
export function targetFrom(values: {
  local?: boolean
  'persist-to'?: string
  env?: string
}): Target {
  const local = values.local === true
  if (!local && values.env === undefined) {
    throw new CliError(`Say where: ${TARGET_USAGE}`)
  }
  if (values['persist-to'] !== undefined && !local) {
    throw new CliError('--persist-to only applies with --local')
  }
  return { local, persistTo: values['persist-to'], env: values.env }
}

export function describeTarget(target: Target): string {
  const env = target.env ? ` of environment ${target.env}` : ''
  if (!target.local) return `the deployed CATALOG namespace${env}`
  return `local state${env}${target.persistTo ? ` in ${target.persistTo}` : ''}`
}

/** wrangler flags for a target's CATALOG binding. */
export function wranglerTargetArgs(target: Target): string[] {
  // Wrangler 4's kv commands default to local state; a deployed target must
  // say --remote explicitly.
  const args = [target.local ? '--local' : '--remote']
  if (target.persistTo) args.push('--persist-to', target.persistTo)
  if (target.env) args.push('--env', target.env)
  return args
}

/** Parses argv with Node's parseArgs; a bad flag is a CliError that prints the usage. */
export function parseCli<O extends ParseArgsOptionsConfig>(usage: string, options: O) {
  try {
    return parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options })
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
  }
}

/** The one FILE argument a command takes; anything else prints the usage. */
export function oneFile(positionals: string[], usage: string): string {
  const [file] = positionals
  if (!file || positionals.length > 1) throw new CliError(usage)
  return file
}

/**
 * Runs a command's main: its result is the exit code; a CliError prints its
 * message, anything else its message too (never a value from the catalog or
 * a lead), both exit 2.
 */
export async function runCli(main: () => Promise<number>): Promise<never> {
  let code: number
  try {
    code = await main()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    code = EXIT.error
  }
  process.exit(code)
}
