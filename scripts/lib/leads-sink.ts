import { existsSync } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { CliError, EXIT } from './leads-client.ts'

/** Where pulled leads go. `write` resolves only once the lines are durable (or as durable as stdout gets). */
export interface LeadSink {
  readonly name: string
  write(lines: string[]): Promise<void>
  close(): Promise<void>
}

function writeFailure(where: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : (code ?? String(error))
  return new CliError(
    `Cannot write to ${where}: ${reason}. The leads of this batch were NOT acknowledged; they come back after the visibility timeout.`,
    EXIT.cannotWrite,
  )
}

/** Appends to a JSON Lines file and fsyncs after every batch, before anything is acked. */
export async function fileSink(path: string): Promise<LeadSink> {
  const full = resolve(path)
  const created = !existsSync(full)
  let handle: FileHandle
  try {
    handle = await open(full, 'a')
    // A new file's directory entry must be durable too, or a crash could lose the whole file.
    if (created) {
      const dir = await open(dirname(full), 'r')
      await dir.sync().finally(() => dir.close())
    }
  } catch (error) {
    throw writeFailure(path, error)
  }
  return {
    name: path,
    async write(lines) {
      try {
        await handle.write(lines.map((line) => `${line}\n`).join(''))
        await handle.sync()
      } catch (error) {
        throw writeFailure(path, error)
      }
    },
    close: () => handle.close(),
  }
}

/** Standard output: a batch counts as written once Node has handed it to the pipe. */
export function stdoutSink(): LeadSink {
  // A closed pipe (`| head`) reaches the write callback; without a listener it would crash first.
  process.stdout.on('error', () => {})
  return {
    name: 'standard output',
    write(lines) {
      return new Promise((resolve, reject) => {
        process.stdout.write(lines.map((line) => `${line}\n`).join(''), (error) =>
          error ? reject(writeFailure('standard output', error)) : resolve(),
        )
      })
    },
    close: async () => {},
  }
}
