import { parseArgs } from 'node:util'
import {
  PULL_BATCH_SIZE_DEFAULT,
  PULL_BATCH_SIZE_MAX,
  VISIBILITY_TIMEOUT_MS_DEFAULT,
  VISIBILITY_TIMEOUT_MS_MAX,
  VISIBILITY_TIMEOUT_MS_MIN,
} from '../shared/schemas/leads-api.ts'
import { ackFromFile, listDeadLetters, replayDeadLetters } from './lib/leads-admin.ts'
import { CliError, EXIT, LeadsClient } from './lib/leads-client.ts'
import { printSummary, pullAll } from './lib/leads-pull.ts'
import { formatReport, reportFormat, reportParams } from './lib/leads-report.ts'
import { fileSink, type LeadSink, stdoutSink } from './lib/leads-sink.ts'

const USAGE = `Usage (CLINIC_COMPARE_URL, default http://127.0.0.1:8787; COORDINATOR_TOKEN required):
  npm run leads -- pull [--ack] [--out FILE.jsonl] [--batch N] [--visibility MS]
  npm run leads -- ack --from FILE.jsonl
  npm run leads -- dead-letters [--all]
  npm run leads -- replay ID... | --all
  npm run leads -- report [--since 30d] [--until DATE] [--by partner,campaign,day] [--format table|csv|json]
See docs/coordinators.md.`

function usage(message?: string): never {
  if (message) console.error(message)
  console.error(USAGE)
  process.exit(EXIT.usage)
}

function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max)
    usage(`${name} must be a whole number from ${min} to ${max}.`)
  return n
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        ack: { type: 'boolean', default: false },
        out: { type: 'string' },
        batch: { type: 'string' },
        visibility: { type: 'string' },
        from: { type: 'string' },
        all: { type: 'boolean', default: false },
        since: { type: 'string' },
        until: { type: 'string' },
        by: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error))
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parse()
  const [command, ...rest] = positionals
  if (values.help) usage()
  if (!command) usage()
  const token = process.env.COORDINATOR_TOKEN?.trim()
  if (!token) usage('Set COORDINATOR_TOKEN to your coordinator token.')
  const baseUrl = process.env.CLINIC_COMPARE_URL?.trim() || 'http://127.0.0.1:8787'
  const client = new LeadsClient(baseUrl, token)

  switch (command) {
    case 'pull': {
      if (rest.length > 0) usage(`Unexpected argument: ${rest[0]}`)
      const options = {
        ack: values.ack,
        batchSize: intOption(
          values.batch,
          '--batch',
          PULL_BATCH_SIZE_DEFAULT,
          1,
          PULL_BATCH_SIZE_MAX,
        ),
        visibilityTimeoutMs: intOption(
          values.visibility,
          '--visibility',
          VISIBILITY_TIMEOUT_MS_DEFAULT,
          VISIBILITY_TIMEOUT_MS_MIN,
          VISIBILITY_TIMEOUT_MS_MAX,
        ),
      }
      const sink: LeadSink = values.out ? await fileSink(values.out) : stdoutSink()
      try {
        printSummary(await pullAll(client, sink, options), sink, options.ack)
      } finally {
        await sink.close()
      }
      return EXIT.ok
    }
    case 'ack':
      if (!values.from || rest.length > 0) usage('ack needs --from FILE.jsonl')
      await ackFromFile(client, values.from)
      return EXIT.ok
    case 'dead-letters':
      await listDeadLetters(client, values.all)
      return EXIT.ok
    case 'replay':
      if (values.all === rest.length > 0) usage('replay needs dead-letter ids or --all (not both)')
      await replayDeadLetters(client, rest, values.all)
      return EXIT.ok
    case 'report': {
      if (rest.length > 0) usage(`Unexpected argument: ${rest[0]}`)
      const format = reportFormat(values.format)
      const report = await client.report(reportParams(values))
      process.stdout.write(formatReport(report, format))
      if (report.more) console.error('Warning: more groups matched than shown; narrow the range.')
      return EXIT.ok
    }
    default:
      usage(`Unknown command: ${command}`)
  }
}

try {
  process.exitCode = await main()
} catch (error) {
  if (error instanceof CliError) {
    console.error(error.message)
    process.exitCode = error.exitCode
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    process.exitCode = EXIT.failed
  }
}
