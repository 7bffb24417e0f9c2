// Remakes the pictures in docs/images from /demo/ in headless Chromium:
// `npm run screenshots`. Starts its own `npm start` on a free port.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium, waitForWidget } from './lib/chromium.ts'
import { startDevServer } from './lib/dev-server.ts'
import { ROOT } from './lib/wrangler.ts'

const OUT = join(ROOT, 'docs', 'images')
const PICK = ['Aurora', 'Brisa', 'Cedro']

async function compareThree(page: Page, lang: string): Promise<void> {
  const widget = page.locator(`clinic-compare[lang="${lang}"]`)
  await waitForWidget(page, lang)
  for (const name of PICK) {
    await widget.locator('.card', { hasText: name }).getByRole('checkbox').check()
  }
  await widget.locator('.bar button').last().click()
  await widget.locator('table').waitFor()
}

const server = await startDevServer()
const browser = await launchChromium()
try {
  await mkdir(OUT, { recursive: true })
  const shots = [
    { file: 'widget-desktop.png', width: 1280, lang: 'en' },
    { file: 'widget-375.png', width: 375, lang: 'es' },
  ]
  for (const shot of shots) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: 900 },
      deviceScaleFactor: 1,
    })
    await page.goto(`${server.url}/demo/`)
    await compareThree(page, shot.lang)
    await page.locator(`clinic-compare[lang="${shot.lang}"]`).screenshot({
      path: join(OUT, shot.file),
    })
    console.log(`Wrote docs/images/${shot.file}`)
    await page.close()
  }
} finally {
  await browser.close()
  await server.stop()
}
