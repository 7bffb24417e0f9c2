import * as v from 'valibot'
import { Id } from '../shared/schemas/common.ts'
import { reportInstant } from '../shared/schemas/reports.ts'
import { formatHistory, readHistory } from './lib/catalog-history.ts'
import {
  describeTarget,
  EXIT,
  parseOptions,
  runCli,
  TARGET_OPTIONS,
  TARGET_USAGE,
  targetFrom,
  UsageError,
} from './lib/cli.ts'

const usage = `Usage: npm run catalog:history -- [--clinic ID] [--since 30d|DATE] ${TARGET_USAGE}
Prints the catalog's change sets, oldest first: when, who, where and why, then each field before and after.`

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions({
      ...TARGET_OPTIONS,
      clinic: { type: 'string' },
      since: { type: 'string' },
    })
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`)
    const target = targetFrom(values)
    if (values.clinic !== undefined && !v.is(Id, values.clinic)) {
      throw new UsageError('--clinic takes a clinic id such as aurora-tijuana')
    }
    const sinceText = values.since ?? '30d'
    const since = reportInstant(sinceText, Date.now(), 'since')
    if (since === undefined)
      throw new UsageError('--since takes an age such as 30d or a date such as 2026-11-01')
    const rows = await readHistory(target, {
      since: new Date(since).toISOString(),
      ...(values.clinic === undefined ? {} : { clinic: values.clinic }),
    })
    const about = values.clinic === undefined ? '' : ` touching ${values.clinic}`
    console.log(
      `Catalog history of ${describeTarget(target)} since ${new Date(since).toISOString()}${about}:`,
    )
    const lines = formatHistory(rows)
    for (const line of lines) console.log(line)
    if (lines.length === 0) console.log('(no change sets)')
    return EXIT.ok
  },
  EXIT.error,
)
