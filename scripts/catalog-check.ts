import { checkCatalogFile, printProblems } from './lib/catalog-file.ts'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run catalog:check -- FILE')
  process.exit(2)
}
const result = await checkCatalogFile(file)
if (!result.ok) {
  printProblems(file, result.problems)
  process.exit(1)
}
const { clinics, packages, partners, operators, exchangeRates } = result.catalog
const rates = `${exchangeRates.length} exchange rate${exchangeRates.length === 1 ? '' : 's'}`
console.log(
  `${file}: valid (${clinics.length} clinics, ${packages.length} packages, ${partners.length} partners, ${operators.length} operators, ${rates})`,
)
