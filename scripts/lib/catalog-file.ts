import { readFile } from 'node:fs/promises'
import {
  type CatalogFile,
  type CatalogProblem,
  checkCatalog,
} from '../../shared/schemas/catalog.ts'

export type CatalogCheck =
  | { ok: true; catalog: CatalogFile }
  | { ok: false; problems: CatalogProblem[] }

/** Reads and validates a catalog file with the Worker's own schemas. */
export async function checkCatalogFile(file: string): Promise<CatalogCheck> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'
    return { ok: false, problems: [{ path: '(file)', message: `Cannot read ${file} (${reason})` }] }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON'
    return { ok: false, problems: [{ path: '(file)', message: `Not valid JSON: ${detail}` }] }
  }
  return checkCatalog(json)
}

export function printProblems(file: string, problems: CatalogProblem[]): void {
  for (const { path, message } of problems) console.error(`${file}: ${path}: ${message}`)
  console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}`)
}
