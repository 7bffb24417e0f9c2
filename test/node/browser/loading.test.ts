/// <reference lib="dom" />
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import {
  type PartnerSite,
  partnerPage,
  RESERVE_RULE,
  strictCsp,
} from '../../../scripts/lib/partner-site.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let browser: Browser
let site: PartnerSite

// Every request waits this long, so "after the one before" and "together" are far apart.
const LATENCY_MS = 400

/** Every request of the page waits LATENCY_MS, through the DevTools protocol. */
async function slowNetwork(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })
  return cdp
}

describe.skipIf(missing)(
  missing ? `browser tests skipped: ${missing}` : 'loading on a phone',
  () => {
    beforeAll(async () => {
      fixture = await startPartnerFixture({ allow: 'none' })
      ;({ server, browser } = fixture)
      site = fixture.site()
      const body = (lang: string) =>
        `<p>Introduction of a fictional article.</p>
<script src="${server.url}/widget.js" async></script>
<clinic-compare partner="demo" lang="${lang}"></clinic-compare>
<p id="below">The text below the widget.</p>`
      const csp = { 'Content-Security-Policy': strictCsp(server.url) }
      const head = '<link rel="stylesheet" href="/site.css">'
      site.page('/en', partnerPage('Article', body('en'), head), csp)
      site.page('/es', partnerPage('Artículo', body('es'), head), csp)
      site.page('/site.css', RESERVE_RULE, { 'Content-Type': 'text/css' })
    }, 120_000)

    afterAll(() => fixture?.stop())

    for (const lang of ['en', 'es']) {
      it(`asks for main.js, the ${lang} strings and the clinics together, once each (${lang})`, async () => {
        const context = await browser.newContext({ viewport: { width: 375, height: 667 } })
        const page = await context.newPage()
        const problems = await watchProblems(page)
        const cdp = await slowNetwork(context, page)
        const sent: { path: string; at: number }[] = []
        const finished = new Map<string, number>()
        const paths = new Map<string, string>()
        cdp.on('Network.requestWillBeSent', (e) => {
          const path = new URL(e.request.url).pathname
          paths.set(e.requestId, path)
          sent.push({ path, at: e.timestamp * 1000 })
        })
        cdp.on('Network.loadingFinished', (e) => {
          const path = paths.get(e.requestId)
          if (path) finished.set(path, e.timestamp * 1000)
        })
        await page.goto(site.url(`/${lang}`))
        await waitForWidget(page, lang)

        const at = (re: RegExp) => sent.filter((r) => re.test(r.path))
        const main = at(/\/main\.js$/)
        const strings = at(new RegExp(`/${lang}\\.js$`))
        const clinics = at(/^\/v1\/clinics$/)
        expect([main.length, strings.length, clinics.length]).toEqual([1, 1, 1])
        const starts = [main, strings, clinics].map((r) => r[0]?.at ?? Number.NaN)
        // None waited for another: all three left before the first of them came back.
        const firstBack = Math.min(
          ...[/\/main\.js$/, new RegExp(`/${lang}\\.js$`), /^\/v1\/clinics$/].map((re) =>
            Math.min(...[...finished].filter(([p]) => re.test(p)).map(([, t]) => t)),
          ),
        )
        expect(Math.max(...starts)).toBeLessThan(firstBack)
        expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(LATENCY_MS / 2)
        expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
        await context.close()
      }, 60_000)
    }

    it('holds its place from first paint: the text below does not move while the list arrives', async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 667 } })
      const page = await context.newPage()
      await page.addInitScript(() => {
        const tops: number[] = []
        ;(window as unknown as { tops: number[] }).tops = tops
        const frame = () => {
          const below = document.getElementById('below')
          if (below) tops.push(below.getBoundingClientRect().top)
          requestAnimationFrame(frame)
        }
        requestAnimationFrame(frame)
      })
      await slowNetwork(context, page)
      await page.goto(site.url('/en'))
      await waitForWidget(page, 'en')
      await page.waitForTimeout(300)
      const tops = await page.evaluate(() => (window as unknown as { tops: number[] }).tops)
      const height = 667
      // Wherever it went, it was below the screen all along: nothing the reader saw moved.
      expect(tops.length).toBeGreaterThan(5)
      expect(Math.min(...tops)).toBeGreaterThanOrEqual(height)
      await context.close()
    }, 60_000)
  },
)
