/// <reference lib="dom" />
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface Axe {
  run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>
}

/**
 * axe-core's violations on the whole page, one line each. The page must be
 * opened with `bypassCSP`: axe is injected as a script the page did not list.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource)
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: Axe }
    const result = await axe.run(document)
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)
  })
}
