/// <reference lib="dom" />
import { launchChromium } from '../scripts/lib/chromium.ts'
import { phoneContext, throttle } from './mobile.ts'

export interface FormFrameRun {
  /** From "Request information" to the form shown in its frame, ms. */
  formShownMs: number
  /** From "Request information" to a Turnstile token in hand: Send works at once, ms. */
  interactiveMs: number
}

/**
 * The request form's frame on the phone profile: the demo page (the Worker's
 * own origin, so the frame shares the page's process and its throttling), the
 * list shown, one clinic compared, then "Request information" pressed. The
 * frame loads its script and Turnstile's; it is interactive once the challenge
 * has handed over a token. Turnstile here is the local stand-in (a few hundred
 * bytes from loopback); Cloudflare's own script and challenge add their
 * download and solve time, which cannot be measured offline (docs/bench.md).
 */
export async function measureFormFrame(
  workerUrl: string,
  runs = 3,
): Promise<{ result: FormFrameRun; runs: FormFrameRun[] }> {
  const browser = await launchChromium()
  const all: FormFrameRun[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const context = await phoneContext(browser)
      try {
        const page = await context.newPage()
        await throttle(page)
        await page.goto(`${workerUrl}/demo/`)
        const w = page.locator('clinic-compare[lang="en"]')
        await w.locator('.card').first().waitFor({ state: 'visible', timeout: 60_000 })
        await w.locator('.card').first().getByRole('checkbox').check()
        await w.locator('.bar button').last().click()
        await w.locator('table').waitFor({ timeout: 60_000 })
        const open = w.getByRole('button', { name: 'Request information' })
        const started = Date.now()
        await open.click()
        const frame = w.locator('iframe.rf').contentFrame()
        await frame.locator('form').waitFor({ timeout: 60_000 })
        const formShownMs = Date.now() - started
        // Turnstile writes its token into this field of its container, as the real one does.
        const token = frame.locator('input[name="cf-turnstile-response"]')
        const deadline = Date.now() + 60_000
        while (!(await token.inputValue().catch(() => '')) && Date.now() < deadline) {
          await page.waitForTimeout(20)
        }
        all.push({ formShownMs, interactiveMs: Date.now() - started })
      } finally {
        await context.close()
      }
    }
  } finally {
    await browser.close()
  }
  const median = (pick: (r: FormFrameRun) => number) =>
    all.map(pick).sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? Number.NaN
  return {
    result: {
      formShownMs: median((r) => r.formShownMs),
      interactiveMs: median((r) => r.interactiveMs),
    },
    runs: all,
  }
}
