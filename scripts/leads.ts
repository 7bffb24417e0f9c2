import {
  PULL_BATCH_SIZE_DEFAULT,
  PULL_BATCH_SIZE_MAX,
  VISIBILITY_TIMEOUT_MS_DEFAULT,
  VISIBILITY_TIMEOUT_MS_MAX,
  VISIBILITY_TIMEOUT_MS_MIN,
} from '../shared/schemas/leads-api.ts'
import {
  type CommandLine,
  choiceOption,
  EXIT,
  intOption,
  parseCommandLine,
  runCli,
  UsageError,
} from './lib/cli.ts'
import { FORMATS, LEAD_FORMATS } from './lib/lead-formats.ts'
import { ackFromFile, listDeadLetters, replayDeadLetters } from './lib/leads-admin.ts'
import { clientFromEnv, type LeadsClient } from './lib/leads-client.ts'
import { applyDeletions } from './lib/leads-deletions.ts'
import { printSummary, pullAll } from './lib/leads-pull.ts'
import { formatReport, REPORT_FORMATS, reportParams } from './lib/leads-report.ts'
import { forget, printRights, RIGHTS_FORMATS } from './lib/leads-rights.ts'
import { fileSink, type LeadSink, stdoutSink } from './lib/leads-sink.ts'

const USAGE = `Usage (CLINIC_COMPARE_URL, default http://127.0.0.1:8787; COORDINATOR_TOKEN required):
  npm run leads -- pull [--out FILE [--ack]] [--format jsonl|csv] [--batch N] [--visibility MS]
  npm run leads -- ack --from FILE
  npm run leads -- dead-letters [--all]
  npm run leads -- replay ID... | --all
  npm run leads -- report [--since 30d] [--until DATE] [--by partner,campaign,day] [--format table|csv|json]
  npm run leads -- forget ID | --email ADDRESS
  npm run leads -- rights [--format table|json]
See docs/coordinators.md.`

type Command = (client: LeadsClient, line: CommandLine, rest: string[]) => Promise<void>

async function pull(client: LeadsClient, { values }: CommandLine, rest: string[]) {
  if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`)
  const options = {
    ack: values.ack,
    batchSize: intOption(values.batch, '--batch', PULL_BATCH_SIZE_DEFAULT, 1, PULL_BATCH_SIZE_MAX),
    visibilityTimeoutMs: intOption(
      values.visibility,
      '--visibility',
      VISIBILITY_TIMEOUT_MS_DEFAULT,
      VISIBILITY_TIMEOUT_MS_MIN,
      VISIBILITY_TIMEOUT_MS_MAX,
    ),
  }
  const format = LEAD_FORMATS[choiceOption(values.format, '--format', FORMATS)]
  const sink: LeadSink = values.out ? await fileSink(values.out, format) : stdoutSink(format)
  let deletions: string[]
  try {
    const summary = await pullAll(client, sink, options)
    printSummary(summary, sink, options.ack)
    deletions = summary.deletions
  } finally {
    await sink.close()
  }
  // After the sink is closed: the file is rewritten (renamed over), never appended to again by this run.
  await applyDeletions(client, values.out, deletions)
}

/** Each subcommand; a new one (e.g. `report`) is one more entry. */
const COMMANDS: Record<string, Command> = {
  pull,
  ack: async (client, { values }, rest) => {
    if (!values.from || rest.length > 0) throw new UsageError('ack needs --from FILE')
    await ackFromFile(client, values.from)
  },
  'dead-letters': (client, { values }) => listDeadLetters(client, values.all),
  replay: async (client, { values }, rest) => {
    if (values.all === rest.length > 0)
      throw new UsageError('replay needs dead-letter ids or --all (not both)')
    await replayDeadLetters(client, rest, values.all)
  },
  report: async (client, { values }, rest) => {
    if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`)
    const format = choiceOption(values.format, '--format', REPORT_FORMATS)
    const report = await client.report(reportParams(values))
    process.stdout.write(formatReport(report, format))
    if (report.more) console.error('Warning: more groups matched than shown; narrow the range.')
  },
  forget: async (client, { values }, rest) => {
    if ((values.email === undefined) === (rest.length === 0) || rest.length > 1)
      throw new UsageError('forget needs one request id or --email ADDRESS (not both)')
    await forget(
      client,
      values.email === undefined ? { id: rest[0] ?? '' } : { email: values.email },
    )
  },
  rights: async (client, { values }, rest) => {
    if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`)
    printRights(await client.rights(), choiceOption(values.format, '--format', RIGHTS_FORMATS))
  },
}

await runCli(USAGE, async () => {
  const line = parseCommandLine(process.argv.slice(2))
  const [name, ...rest] = line.positionals
  if (line.values.help || !name) throw new UsageError()
  const command = COMMANDS[name]
  if (!command) throw new UsageError(`Unknown command: ${name}`)
  await command(clientFromEnv(), line, rest)
  return EXIT.ok
})
