import { hasDifferences } from './lib/catalog-diff.ts'
import {
  describeTarget,
  EXIT,
  oneFile,
  parseOptions,
  runCli,
  TARGET_OPTIONS,
  TARGET_USAGE,
  targetFrom,
} from './lib/cli.ts'
import { publishCatalog } from './lib/publish.ts'
import { planPublish } from './lib/publish-plan.ts'

const usage = `Usage: npm run catalog:publish -- FILE ${TARGET_USAGE} [--dry-run]`

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions({
      ...TARGET_OPTIONS,
      'dry-run': { type: 'boolean', default: false },
    })
    const file = oneFile(positionals)
    const target = targetFrom(values)
    const plan = await planPublish(file, target)
    if (!plan) {
      // An invalid file keeps the exit code catalog:check gives it.
      console.error('Nothing was published.')
      return EXIT.found
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
    return EXIT.ok
  },
  EXIT.error,
)
