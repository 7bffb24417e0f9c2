import { parseArgs } from 'node:util'

/** Exit codes of `npm run leads`, documented in docs/coordinators.md. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  badToken: 3,
  unreachable: 4,
  cannotWrite: 5,
  unsafeOutput: 6,
} as const

/** A failure with the message and exit code the coordinator should see. */
export class CliError extends Error {
  override name = 'CliError'
  readonly exitCode: number
  constructor(message: string, exitCode: number) {
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
export const OPTIONS = {
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
 * exit code; usage mistakes print the usage text too.
 */
export async function runCli(usage: string, main: () => Promise<number>): Promise<void> {
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
      process.exitCode = EXIT.failed
    }
  }
}
