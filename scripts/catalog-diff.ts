import { hasDifferences } from './lib/catalog-diff.ts'
import {
  EXIT,
  oneFile,
  parseOptions,
  runCli,
  TARGET_OPTIONS,
  TARGET_USAGE,
  targetFrom,
} from './lib/cli.ts'
import { planPublish } from './lib/publish-plan.ts'

const usage = `Usage: npm run catalog:diff -- FILE ${TARGET_USAGE}
Exit 0: no difference; 1: publishing FILE would change the catalog; 2: error.`

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions(TARGET_OPTIONS)
    const file = oneFile(positionals)
    const plan = await planPublish(file, targetFrom(values))
    if (!plan) return EXIT.error
    return hasDifferences(plan.diff) ? EXIT.found : EXIT.ok
  },
  EXIT.error,
)
