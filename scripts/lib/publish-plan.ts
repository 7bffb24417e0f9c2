import type { CatalogFile } from '../../shared/schemas/catalog.ts'
import { type CatalogDiff, diffCatalogs, diffSummary, formatDiff } from './catalog-diff.ts'
import { checkCatalogFile, printProblems } from './catalog-file.ts'
import { describeTarget, type Target } from './cli.ts'
import { readLiveCatalog, reportLeftOut } from './live-catalog.ts'

export interface PublishPlan {
  catalog: CatalogFile
  /** What the target serves now. */
  live: CatalogFile
  diff: CatalogDiff
}

/**
 * What publishing FILE to the target would change, printed record by record
 * and field by field; undefined when FILE is not a valid catalog (its
 * problems are printed, the live catalog is not read).
 */
export async function planPublish(file: string, target: Target): Promise<PublishPlan | undefined> {
  const checked = await checkCatalogFile(file)
  if (!checked.ok) {
    printProblems(file, checked.problems)
    return undefined
  }
  const live = await readLiveCatalog(target)
  if (reportLeftOut(live) > 0) {
    console.error('(Records left out above are not served now; the diff compares what is served.)')
  }
  const diff = diffCatalogs(live.catalog, checked.catalog)
  for (const line of formatDiff(diff)) console.log(line)
  console.log(`${file} against ${describeTarget(target)}: ${diffSummary(diff)}.`)
  return { catalog: checked.catalog, live: live.catalog, diff }
}
