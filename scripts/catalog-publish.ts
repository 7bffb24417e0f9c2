import { parseArgs } from 'node:util'
import { checkCatalogFile, printProblems } from './lib/catalog-file.ts'
import { publishCatalog } from './lib/publish.ts'

const usage = 'Usage: npm run catalog:publish -- FILE [--local] [--persist-to DIR] [--env NAME]'
let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      env: { type: 'string' },
    },
  })
}
try {
  parsed = parse()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  console.error(usage)
  process.exit(2)
}
const file = parsed.positionals[0]
if (!file || parsed.positionals.length > 1) {
  console.error(usage)
  process.exit(2)
}
const result = await checkCatalogFile(file)
if (!result.ok) {
  printProblems(file, result.problems)
  console.error('Nothing was published.')
  process.exit(1)
}
const target = {
  local: parsed.values.local,
  persistTo: parsed.values['persist-to'],
  env: parsed.values.env,
}
try {
  const { written, removed } = await publishCatalog(result.catalog, target)
  const where = target.local
    ? `local state${target.persistTo ? ` in ${target.persistTo}` : ''}`
    : 'the deployed CATALOG namespace'
  console.log(
    `Published ${file} to ${where}: ${written} keys written, ${removed} stale records removed.`,
  )
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
