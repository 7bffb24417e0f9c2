/// <reference lib="dom" />
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { type PartnerSite, partnerPage, strictCsp } from '../../../scripts/lib/partner-site.ts'
import { browserMissing, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import type { LeadWatch } from './helpers/leads.ts'
import { fillRequestForm } from './helpers/page.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let leads: LeadWatch
let browser: Browser
/** A partner's hosted blog: it may frame the widget. */
let host: PartnerSite
/** Any other site: it may not. */
let stranger: PartnerSite

/** The height of the iframe on the host page and of the content inside it. */
async function heights(page: Page, frame: FrameLocator) {
  // clientHeight: the frame's inside, without the border browsers draw around an iframe.
  const outer = await page.locator('iframe').evaluate((f) => f.clientHeight)
  const inner = await frame.locator('body').evaluate(() => ({
    content: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
    wide: document.documentElement.scrollWidth > window.innerWidth,
  }))
  return { outer, ...inner }
}

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'the /embed frame', () => {
  beforeAll(async () => {
    // Only the host: the Worker's own origin, where the frame sends from, is not listed.
    fixture = await startPartnerFixture({ sites: 2, allow: 'only-first' })
    ;({ server, browser, leads } = fixture)
    host = fixture.site(0)
    stranger = fixture.site(1)
    for (const site of [host, stranger]) {
      const csp = { 'Content-Security-Policy': strictCsp(server.url) }
      const frame = `<iframe src="${server.url}/embed?partner=demo&amp;lang=en" title="Compare clinics" width="100%" height="900"></iframe>`
      site.page(
        '/resized',
        partnerPage(
          'Clinics, framed',
          frame,
          `<script src="${server.url}/embed-resize.js" async></script>`,
        ),
        csp,
      )
      // Hosted WordPress: an iframe and nothing else.
      site.page('/plain', partnerPage('Clinics, framed without a script', frame), csp)
    }
  })
  afterAll(() => fixture?.stop())

  it('shows the widget on an allowed origin, sized to its content with no inner scrollbar', async () => {
    for (const width of [375, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } })
      const problems = await watchProblems(page)
      await page.goto(host.url('/resized'))
      const frame = page.frameLocator('iframe')
      const cards = frame.locator('clinic-compare .card')
      await cards.first().waitFor({ timeout: 20_000 })
      await expect.poll(async () => (await heights(page, frame)).outer).not.toBe(900)
      let h = await heights(page, frame)
      expect(h.content).toBeLessThanOrEqual(h.viewport)
      expect(Math.abs(h.outer - h.content)).toBeLessThanOrEqual(1)
      expect(h.wide).toBe(false)

      // Fewer clinics, a shorter widget: the frame follows.
      const before = h.outer
      await frame.getByLabel('City').selectOption('Cancún')
      await expect.poll(async () => (await heights(page, frame)).outer).toBeLessThan(before)
      h = await heights(page, frame)
      expect(h.content).toBeLessThanOrEqual(h.viewport)
      expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
      await page.close()
    }
  })

  it('works at its own height where the page cannot run the resizer', async () => {
    const page = await browser.newPage()
    await page.goto(host.url('/plain'))
    const frame = page.frameLocator('iframe')
    await frame.locator('clinic-compare .card').first().waitFor({ timeout: 20_000 })
    expect((await heights(page, frame)).outer).toBe(900)
    await page.close()
  })

  it('refuses to show on an origin the partner does not allow', async () => {
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    await page.goto(stranger.url('/resized'))
    await expect.poll(() => problems.consoleErrors.join('\n')).toContain('frame-ancestors')
    const inner = page.frames().find((f) => f !== page.mainFrame())
    expect(await inner?.locator('clinic-compare').count()).toBe(0)
    await page.close()
  })

  it('sends a request from the frame that ends as exactly one lead', async () => {
    const page = await browser.newPage()
    await page.goto(host.url('/resized'))
    const frame = page.frameLocator('iframe')
    const w = frame.locator('clinic-compare')
    await w.locator('.card').first().waitFor({ timeout: 20_000 })
    const before = await leads.ids()
    await w.locator('.card', { hasText: 'Cedro' }).getByRole('checkbox').check()
    await w.getByRole('button', { name: 'Compare side by side' }).click()
    const f = await fillRequestForm(w)
    await f.getByRole('button', { name: 'Send request' }).click()
    const status = f.getByRole('status').filter({ hasText: 'Request id' })
    await status.waitFor({ timeout: 20_000 })
    const id = /Request id: (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? ''
    const after = await leads.waitFor(id)
    expect(after.filter((x) => !before.includes(x))).toEqual([id])
    await page.close()
  })
})
