import { type Browser, chromium } from 'playwright-core'

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
