import { constants } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { PulledLead } from '../../shared/schemas/leads-api.ts'
import { CliError, EXIT } from './cli.ts'
import type { LeadFormat } from './lead-formats.ts'

/**
 * Where pulled leads go. `write` resolves only once every byte of the batch
 * is durable (fsynced); if it throws, none of the batch is in the output.
 */
export interface LeadSink {
  readonly name: string
  /** Only a durable sink may precede an ack. */
  readonly durable: boolean
  write(leads: PulledLead[]): Promise<void>
  close(): Promise<void>
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])

function writeFailure(where: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code && FULL.has(code)
      ? `the disk is full (${code})`
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : (code ?? String(error))
  return new CliError(
    `Cannot write to ${where}: ${reason}. The leads of this batch were NOT acknowledged; they come back after the visibility timeout.`,
    EXIT.cannotWrite,
  )
}

function unsafe(path: string, why: string): CliError {
  return new CliError(
    `Refusing to write leads to ${path}: ${why}. Leads hold children's health answers; name a new file, or one that only you own and only you can read (chmod 600).`,
    EXIT.unsafeOutput,
  )
}

/**
 * Opens the coordinator's output: created 0600, never through a symlink
 * (O_NOFOLLOW), never a FIFO or device (O_NONBLOCK keeps a FIFO from
 * blocking the open), and an existing file only if this user owns it and
 * nobody else can read or write it.
 */
async function openPrivate(path: string): Promise<{ handle: FileHandle; size: number }> {
  const flags =
    constants.O_WRONLY |
    constants.O_APPEND |
    constants.O_CREAT |
    constants.O_NOFOLLOW |
    constants.O_NONBLOCK
  let handle: FileHandle
  try {
    handle = await open(path, flags, 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw unsafe(path, 'it is a symbolic link')
    if (code === 'ENXIO') throw unsafe(path, 'it is a pipe')
    throw writeFailure(path, error)
  }
  const stat = await handle.stat()
  const why = !stat.isFile()
    ? 'it is not a regular file'
    : stat.uid !== process.getuid?.()
      ? `it belongs to another user (uid ${stat.uid})`
      : (stat.mode & 0o077) !== 0
        ? `others can read or write it (mode ${(stat.mode & 0o777).toString(8)})`
        : undefined
  if (why) {
    await handle.close()
    throw unsafe(path, why)
  }
  return { handle, size: stat.size }
}

/** Writes every byte or throws: `write()` may write fewer bytes than asked. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done)
    if (bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' })
    done += bytesWritten
  }
}

/**
 * Appends batches to a private file. Each batch is written whole and fsynced
 * before `write` resolves; a failed batch is cut off again (truncate to the
 * last whole batch), so the file never ends in half a lead.
 */
export async function fileSink(path: string, format: LeadFormat): Promise<LeadSink> {
  const full = resolve(path)
  const { handle, size } = await openPrivate(full)
  let end = size
  try {
    // A new file's directory entry must be durable too, or a crash could lose the whole file.
    const dir = await open(dirname(full), 'r')
    await dir.sync().finally(() => dir.close())
  } catch (error) {
    await handle.close()
    throw writeFailure(path, error)
  }
  let header = end === 0 ? format.header : ''
  return {
    name: path,
    durable: true,
    async write(leads) {
      const bytes = new TextEncoder().encode(header + format.encode(leads))
      try {
        await writeAll(handle, bytes)
        await handle.sync()
      } catch (error) {
        await handle
          .truncate(end)
          .then(() => handle.sync())
          .catch(() => {})
        throw writeFailure(path, error)
      }
      end += bytes.length
      header = ''
    },
    close: () => handle.close(),
  }
}

/**
 * Standard output, for reading leads without acknowledging them. Never
 * durable: a pipe's reader may drop what it was given (`| head`), and a
 * terminal keeps nothing, so `pull --ack` refuses it.
 */
export function stdoutSink(format: LeadFormat): LeadSink {
  // A closed pipe (`| head`) reaches the write callback; without a listener it would crash first.
  process.stdout.on('error', () => {})
  let header = format.header
  return {
    name: 'standard output',
    durable: false,
    write(leads) {
      const text = header + format.encode(leads)
      header = ''
      return new Promise((resolve, reject) => {
        process.stdout.write(text, (error) =>
          error ? reject(writeFailure('standard output', error)) : resolve(),
        )
      })
    },
    close: async () => {},
  }
}
