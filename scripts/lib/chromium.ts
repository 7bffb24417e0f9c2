import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's chromium: the one browser tests, bench and screenshots use (never a downloaded one). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS })
}

/** Waits until an instance has rendered its clinic list. */
export async function waitForWidget(page: Page, lang = 'en'): Promise<void> {
  await page
    .locator(`clinic-compare[lang="${lang}"] .card`)
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 })
}
