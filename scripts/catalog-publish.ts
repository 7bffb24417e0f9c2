import { randomUUID } from 'node:crypto'
import { hasDifferences } from './lib/catalog-diff.ts'
import { appendChangeSet, targetName } from './lib/catalog-history.ts'
import {
  describeTarget,
  EXIT,
  oneFile,
  parseOptions,
  runCli,
  TARGET_OPTIONS,
  TARGET_USAGE,
  targetFrom,
  UsageError,
} from './lib/cli.ts'
import { changeRows } from './lib/history-sql.ts'
import { publishCatalog } from './lib/publish.ts'
import { planPublish } from './lib/publish-plan.ts'

const usage = `Usage: npm run catalog:publish -- FILE ${TARGET_USAGE} --operator ID [--reason TEXT] [--dry-run]
Every publish appends a change set to the catalog history: when, --operator (an id in FILE's operators),
--reason (required for --env production) and each field before and after.`

/** The environment whose publishes must say why. */
const REASON_REQUIRED_ENV = 'production'
const REASON_MAX = 500

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions({
      ...TARGET_OPTIONS,
      'dry-run': { type: 'boolean', default: false },
      operator: { type: 'string' },
      reason: { type: 'string' },
    })
    const file = oneFile(positionals)
    const target = targetFrom(values)
    const operator = values.operator?.trim()
    const reason = values.reason?.trim() || undefined
    if (!operator) throw new UsageError('Say who publishes: --operator ID')
    if (target.env === REASON_REQUIRED_ENV && reason === undefined) {
      throw new UsageError(`A publish to ${REASON_REQUIRED_ENV} says why: --reason TEXT`)
    }
    if (reason !== undefined && reason.length > REASON_MAX) {
      throw new UsageError(`--reason takes at most ${REASON_MAX} characters`)
    }
    const plan = await planPublish(file, target)
    if (!plan) {
      // An invalid file keeps the exit code catalog:check gives it.
      console.error('Nothing was published.')
      return EXIT.found
    }
    if (!plan.catalog.operators.some((o) => o.id === operator)) {
      throw new UsageError(`--operator ${operator} is not in ${file}'s operators`)
    }
    if (values['dry-run']) {
      console.log('Dry run: nothing was published.')
      return EXIT.ok
    }
    if (!hasDifferences(plan.diff)) {
      // Rewriting the same records would only move the manifest's date and every ETag.
      console.log('Nothing to publish: the live catalog already equals the file.')
      return EXIT.ok
    }
    const { written, removed } = await publishCatalog(plan.catalog, target)
    console.log(
      `Published ${file} to ${describeTarget(target)}: ${written} keys written, ${removed} stale records removed.`,
    )
    const rows = changeRows(plan.diff, plan.live, plan.catalog)
    const set = {
      id: randomUUID(),
      publishedAt: new Date().toISOString(),
      operator,
      reason,
      target: targetName(target),
    }
    await appendChangeSet(target, set, rows)
    console.log(`Recorded in the catalog history: ${rows.length} changes (change set ${set.id}).`)
    return EXIT.ok
  },
  EXIT.error,
)
