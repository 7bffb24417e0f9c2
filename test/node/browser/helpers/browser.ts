/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { CHROMIUM_PATH, launchChromium, waitForWidget } from '../../../../scripts/lib/chromium.ts'

export { launchChromium, waitForWidget }

/**
 * Why the browser suite cannot run here, or undefined when it can. Under
 * CI=true a missing browser is a failure, never a quiet skip.
 */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined
  const reason = `${CHROMIUM_PATH} is missing (install Debian's chromium package)`
  if (process.env.CI === 'true') throw new Error(`Browser tests need Chromium: ${reason}`)
  return reason
}

/** Everything the page reports that a partner would see as breakage. */
export interface PageProblems {
  cspViolations: string[]
  consoleErrors: string[]
  pageErrors: string[]
}

export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { cspViolations: [], consoleErrors: [], pageErrors: [] }
  await page.exposeBinding('__ccCspViolation', (_source, text: string) => {
    problems.cspViolations.push(text)
  })
  // An init script is injected by the browser, not by the page, so the page's CSP allows it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __ccCspViolation: (text: string) => void })
        .__ccCspViolation
      report(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => problems.pageErrors.push(error.message))
  return problems
}
