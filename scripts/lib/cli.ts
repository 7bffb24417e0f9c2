import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'

/**
 * Exit codes of the project's commands: `npm run leads` (docs/coordinators.md)
 * and the operators' catalog, provision and deploy commands (docs/operators.md),
 * so a scheduled job can branch on them.
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  /** An operator command found what it looks for: a difference, a stale licence, a record left out. */
  found: 1,
  usage: 2,
  /** An operator command could not do its work (bad arguments, a failed wrangler call). */
  error: 2,
  badToken: 3,
  unreachable: 4,
  cannotWrite: 5,
  unsafeOutput: 6,
} as const

/** A failure with the message and exit code the coordinator or operator should see. */
export class CliError extends Error {
  override name = 'CliError'
  readonly exitCode: number
  constructor(message: string, exitCode: number = EXIT.error) {
    super(message)
    this.exitCode = exitCode
  }
}

/** A usage mistake: the message, then the usage text, exit code 2. */
export class UsageError extends CliError {
  override name = 'UsageError'
  constructor(message = '') {
    super(message, EXIT.usage)
  }
}

/** Every option of every subcommand; a subcommand checks which apply to it. */
const OPTIONS = {
  ack: { type: 'boolean', default: false },
  out: { type: 'string' },
  format: { type: 'string' },
  batch: { type: 'string' },
  visibility: { type: 'string' },
  from: { type: 'string' },
  all: { type: 'boolean', default: false },
  since: { type: 'string' },
  until: { type: 'string' },
  by: { type: 'string' },
  email: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

export function parseCommandLine(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

export type CommandLine = ReturnType<typeof parseCommandLine>

/** A whole number option within bounds, or the fallback when absent. */
export function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}.`)
  return n
}

/** One of a fixed list of words, or the first one when absent. */
export function choiceOption<T extends string>(
  value: string | undefined,
  name: string,
  choices: readonly [T, ...T[]],
): T {
  if (value === undefined) return choices[0]
  const choice = choices.find((c) => c === value)
  if (!choice) throw new UsageError(`${name} must be one of: ${choices.join(', ')}.`)
  return choice
}

/**
 * Runs a command's main and turns what it throws into stderr lines and an
 * exit code; usage mistakes print the usage text too. `unexpected` is the
 * exit code of anything else thrown (the operator commands promise 2).
 */
export async function runCli(
  usage: string,
  main: () => Promise<number>,
  unexpected: number = EXIT.failed,
): Promise<void> {
  try {
    process.exitCode = await main()
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(error.message)
      console.error(usage)
      process.exitCode = error.exitCode
    } else if (error instanceof CliError) {
      console.error(error.message)
      process.exitCode = error.exitCode
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
      process.exitCode = unexpected
    }
  }
}

/** Where an operator command reads or writes the catalog: local state, or an environment's namespace. */
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
  if (!local && values.env === undefined) throw new UsageError(`Say where: ${TARGET_USAGE}`)
  if (values['persist-to'] !== undefined && !local) {
    throw new UsageError('--persist-to only applies with --local')
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

/** An operator command's own options, parsed strictly; a bad flag is a usage error. */
export function parseOptions<O extends ParseArgsOptionsConfig>(options: O) {
  try {
    return parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/** The one FILE argument a command takes; anything else prints the usage. */
export function oneFile(positionals: string[]): string {
  const [file] = positionals
  if (!file || positionals.length > 1) throw new UsageError()
  return file
}
