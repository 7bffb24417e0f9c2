import { rename, writeFile } from 'node:fs/promises'
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
import { readLiveCatalog, reportLeftOut } from './lib/live-catalog.ts'

const usage = `Usage: npm run catalog:export -- FILE ${TARGET_USAGE}
Writes the catalog the Worker serves. Exit 1 when records were left out (listed on stderr).`

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions(TARGET_OPTIONS)
    const file = oneFile(positionals)
    const target = targetFrom(values)
    const live = await readLiveCatalog(target)
    const leftOut = reportLeftOut(live)
    // Written whole or not at all: an interrupted export never leaves half a file.
    const partial = `${file}.partial`
    await writeFile(partial, `${JSON.stringify(live.catalog, null, 2)}\n`)
    await rename(partial, file)
    const { clinics, packages, partners } = live.catalog
    const from = live.manifest ? `published ${live.manifest.publishedAt}` : 'nothing published yet'
    console.log(
      `Exported ${describeTarget(target)} (${from}) to ${file}: ${clinics.length} clinics, ${packages.length} packages, ${partners.length} partners.`,
    )
    if (leftOut > 0) {
      console.error(`${leftOut} records are not served and were left out of ${file}.`)
      return EXIT.found
    }
    return EXIT.ok
  },
  EXIT.error,
)
