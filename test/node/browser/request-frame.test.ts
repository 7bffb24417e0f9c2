/// <reference lib="dom" />
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { type PartnerSite, partnerPage, strictCsp } from '../../../scripts/lib/partner-site.ts'
import { axeViolations } from './helpers/axe.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import type { LeadWatch } from './helpers/leads.ts'
import { compareClinics, fillRequestForm, focused, requestFrame, widget } from './helpers/page.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let leads: LeadWatch
let browser: Browser
/** The partner's blog, another origin than the Worker's, listed by the partner. */
let blog: PartnerSite
/** A site the partner does not list. */
let stranger: PartnerSite

/**
 * What a parent blog's analytics or session-replay script does: it records
 * every input event on the page (through shadow roots, by composedPath) and
 * walks every open shadow root and reachable frame for field values.
 */
const RECORDER = `
window.recorded = []
const grab = (el) => {
  if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') && el.value) window.recorded.push(el.value)
}
for (const type of ['input', 'change', 'keydown', 'keyup', 'focusin']) {
  document.addEventListener(type, (e) => { grab(e.composedPath()[0]); if (e.key) window.recorded.push(e.key) }, true)
}
const walk = (root) => {
  for (const el of root.querySelectorAll('*')) {
    grab(el)
    if (el.shadowRoot) walk(el.shadowRoot)
    if (el.tagName === 'IFRAME') { try { if (el.contentDocument) walk(el.contentDocument) } catch {} }
  }
}
setInterval(() => walk(document), 50)
`

const recorded = (page: Page) =>
  page.evaluate(() => (window as unknown as { recorded: string[] }).recorded)

async function sendAndReadId(f: FrameLocator): Promise<string> {
  await f.getByRole('button', { name: /Send request|Try sending again/ }).click()
  const status = f.getByRole('status').filter({ hasText: 'Request id' })
  await status.waitFor({ timeout: 20_000 })
  return /Request id: (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? ''
}

describe.skipIf(missing)(
  missing ? `browser tests skipped: ${missing}` : 'the request frame',
  () => {
    beforeAll(async () => {
      fixture = await startPartnerFixture({ sites: 2, allow: 'only-first' })
      ;({ server, browser, leads } = fixture)
      blog = fixture.site(0)
      stranger = fixture.site(1)
      for (const site of [blog, stranger]) {
        const csp = { 'Content-Security-Policy': strictCsp(server.url) }
        site.page('/recorder.js', RECORDER, { 'Content-Type': 'text/javascript' })
        site.page(
          '/article',
          partnerPage(
            'Choosing a clinic',
            '<p>Our notes from three visits.</p><clinic-compare partner="demo" lang="en"></clinic-compare><p>More text below.</p>',
            `<script src="/recorder.js"></script><script src="${server.url}/widget.js" async></script>`,
          ),
          csp,
        )
        // A page that frames the form directly, naming the blog as its origin: a lie the browser catches.
        site.page(
          '/framed',
          partnerPage(
            'Framed form',
            `<iframe src="${server.url}/embed/request?partner=demo&amp;clinics=aurora-tijuana&amp;lang=en&amp;origin=${encodeURIComponent(blog.origin)}" title="Request"></iframe>`,
          ),
          csp,
        )
      }
    })
    afterAll(() => fixture?.stop())

    async function article(width = 1280, options: { bypassCSP?: boolean } = {}): Promise<Page> {
      const context = await browser.newContext({ viewport: { width, height: 800 }, ...options })
      const page = await context.newPage()
      await page.goto(blog.url('/article'))
      await waitForWidget(page)
      return page
    }

    it('sends a request the page’s recording script never sees, as exactly one lead', async () => {
      const page = await article()
      const problems = await watchProblems(page)
      const w = widget(page)
      // The recorder works: it reads what a family picks in the list, which is public.
      await w.getByLabel('City').selectOption('Cancún')
      await expect.poll(() => recorded(page)).toContain('Cancún')
      await w.getByLabel('City').selectOption('')
      const before = await leads.ids()
      await compareClinics(page, ['Aurora', 'Cedro'])
      const f = await fillRequestForm(w)
      await f.getByLabel('Message').fill('Sample question about the visit')
      const id = await sendAndReadId(f)
      const after = await leads.waitFor(id)
      expect(after.filter((x) => !before.includes(x))).toEqual([id])

      const seen = (await recorded(page)).join('\n')
      for (const typed of ['Sample Parent', 'parent@example.com', 'Sample question', 'not-sure']) {
        expect(seen).not.toContain(typed)
      }
      // The page's DOM holds no field of the form at all.
      expect(
        await page.evaluate(() => {
          const fields: string[] = []
          const walk = (root: Document | ShadowRoot) => {
            for (const el of root.querySelectorAll('*')) {
              if (el.matches('input[type=email], textarea, form')) fields.push(el.tagName)
              if (el.shadowRoot) walk(el.shadowRoot)
            }
          }
          walk(document)
          return fields
        }),
      ).toEqual([])
      expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
      await page.close()
    })

    it('moves focus into the form on open and back to “Request information” on close', async () => {
      const page = await article()
      const w = widget(page)
      await compareClinics(page, ['Brisa'])
      await w.getByRole('button', { name: 'Request information' }).focus()
      await page.keyboard.press('Enter')
      await requestFrame(w).locator('form').waitFor({ timeout: 20_000 })
      await expect.poll(() => focused(page)).toMatch(/^h1 Request information/)
      await page.keyboard.press('Tab')
      expect(await focused(page)).toContain('Your name')
      await requestFrame(w).getByRole('button', { name: 'Back to the comparison' }).focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => focused(page)).toContain('button[button] Request information')
      expect(await w.locator('iframe').count()).toBe(0)
      await page.close()
    })

    it('keeps one lead when the answer is lost and the family sends again', async () => {
      const page = await article()
      const w = widget(page)
      const before = await leads.ids()
      const keys: (string | null)[] = []
      const tokens: (string | null)[] = []
      let cut = true
      await page.route('**/v1/inquiries', async (route) => {
        keys.push(await route.request().headerValue('Idempotency-Key'))
        tokens.push(await route.request().headerValue('CF-Turnstile-Response'))
        if (!cut) return route.continue()
        cut = false
        await route.fetch()
        await route.abort('connectionreset')
      })
      await compareClinics(page, ['Cedro'])
      const f = await fillRequestForm(w)
      await f.getByRole('button', { name: 'Send request' }).click()
      await expect.poll(() => f.getByRole('alert').textContent()).toContain('connection failed')
      expect(await f.getByLabel('Your name').inputValue()).toBe('Sample Parent')
      const id = await sendAndReadId(f)
      expect(keys).toHaveLength(2)
      expect(keys[1]).toBe(keys[0])
      // The same Turnstile token: siteverify accepts it again with the same idempotency key.
      expect(tokens[0]).toMatch(/^standin\./)
      expect(tokens[1]).toBe(tokens[0])
      const after = await leads.waitFor(id)
      expect(after.filter((x) => !before.includes(x))).toEqual([id])
      await page.close()
    })

    it('tells the family what to do when the hidden trap field was filled, then sends', async () => {
      const page = await article()
      const w = widget(page)
      const before = await leads.ids()
      await compareClinics(page, ['Aurora'])
      const f = await fillRequestForm(w)
      const trap = f.locator('input[name="cc-trap"]')
      expect(await trap.getAttribute('autocomplete')).toBe('off')
      expect(await trap.isVisible()).toBe(false)
      // What an autofill or a form-filling extension might do.
      await trap.evaluate((el: HTMLInputElement) => {
        el.value = 'https://example.com'
        el.dispatchEvent(new Event('input', { bubbles: true }))
      })
      await f.getByRole('button', { name: 'Send request' }).click()
      await expect.poll(() => f.getByRole('alert').textContent()).toContain('hidden field')
      expect(await trap.inputValue()).toBe('')
      expect(await f.getByLabel('Your name').inputValue()).toBe('Sample Parent')
      expect(await leads.ids()).toEqual(before)
      const id = await sendAndReadId(f)
      const after = await leads.waitFor(id)
      expect(after.filter((x) => !before.includes(x))).toEqual([id])
      await page.close()
    })

    it('fits the frame to its content at 375 px: no inner scrollbar, no sideways scroll', async () => {
      const page = await article(375)
      const w = widget(page)
      await compareClinics(page, ['Aurora', 'Brisa', 'Cedro'])
      await w.getByRole('button', { name: 'Request information' }).click()
      const f = requestFrame(w)
      await f.locator('form').waitFor({ timeout: 20_000 })
      const sizes = async () => {
        const outer = await w.locator('iframe').evaluate((el) => el.clientHeight)
        const inner = await f.locator('body').evaluate(() => ({
          content: document.documentElement.scrollHeight,
          viewport: window.innerHeight,
          wide: document.documentElement.scrollWidth > window.innerWidth,
        }))
        return { outer, ...inner }
      }
      await expect.poll(async () => (await sizes()).content <= (await sizes()).viewport).toBe(true)
      // Errors make the form taller; the frame follows.
      const before = (await sizes()).outer
      await f.getByRole('button', { name: 'Send request' }).click()
      await expect.poll(async () => (await sizes()).outer).toBeGreaterThan(before)
      const s = await sizes()
      expect(s.content).toBeLessThanOrEqual(s.viewport)
      expect(s.wide).toBe(false)
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBe(0)
      await page.screenshot({ path: 'test-results/request-frame-375.png', fullPage: true })
      await page.close()
    })

    it('has no axe-core violations inside the frame, empty and with errors', async () => {
      const page = await article(1280, { bypassCSP: true })
      const w = widget(page)
      await compareClinics(page, ['Aurora', 'Brisa'])
      await w.getByRole('button', { name: 'Request information' }).click()
      await requestFrame(w).locator('form').waitFor({ timeout: 20_000 })
      const frame = page.frames().find((x) => x.url().includes('/embed/request'))
      if (!frame) throw new Error('no request frame')
      const audit = () => axeViolations(frame)
      expect(await audit()).toEqual([])
      await requestFrame(w).getByRole('button', { name: 'Send request' }).click()
      await requestFrame(w).locator('[aria-invalid="true"]').first().waitFor()
      expect(await audit()).toEqual([])
      await page.close()
    })

    it('switches an open form to the page’s new language without reloading it or losing what was typed', async () => {
      const page = await article()
      const w = widget(page)
      await compareClinics(page, ['Brisa'])
      await fillRequestForm(w)
      const frame = page.frames().find((x) => x.url().includes('/embed/request'))
      if (!frame) throw new Error('no request frame')
      // Gone if the frame's page were loaded again.
      await frame.evaluate(() => {
        ;(window as unknown as { marker: number }).marker = 1
      })
      await w.evaluate((el) => el.setAttribute('lang', 'es'))
      const es = requestFrame(widget(page, 'es'))
      await es.getByRole('heading', { name: 'Pedir información' }).waitFor()
      expect(await es.getByLabel('Su nombre').inputValue()).toBe('Sample Parent')
      expect(await frame.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)
      expect(await es.getByLabel('Your name').count()).toBe(0)
      await page.close()
    })

    it('offers to try again when the form’s frame never says it is ready, and then shows the form', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.clock.install()
      await page.goto(blog.url('/article'))
      await waitForWidget(page)
      const w = widget(page)
      // The frame's page cannot be reached (offline, a proxy that blocks it).
      await page.route('**/embed/request?**', (route) => route.abort('connectionrefused'))
      await compareClinics(page, ['Aurora'])
      await w.getByRole('button', { name: 'Request information' }).click()
      const alert = w.getByRole('alert')
      await page.clock.runFor(14_000)
      expect(await alert.count()).toBe(0)
      await page.clock.runFor(2_000)
      await expect.poll(() => alert.textContent()).toContain('did not load')
      await page.unroute('**/embed/request?**')
      await alert.getByRole('button', { name: 'Try again' }).click()
      await requestFrame(w).locator('form').waitFor({ timeout: 20_000 })
      await expect.poll(() => alert.count()).toBe(0)
      await context.close()
    })

    it('refuses to show the form in a page whose origin the partner does not list', async () => {
      // The widget on a stranger's page: the browser refuses the frame (frame-ancestors).
      const page = await browser.newPage()
      const seen = await watchProblems(page)
      await page.goto(stranger.url('/article'))
      await waitForWidget(page)
      const w = widget(page)
      await compareClinics(page, ['Aurora'])
      await w.getByRole('button', { name: 'Request information' }).click()
      await expect
        .poll(() => seen.consoleErrors.join('\n'), { timeout: 20_000 })
        .toContain('frame-ancestors')
      expect(await requestFrame(w).locator('form, #cc-request').count()).toBe(0)
      await page.close()

      // Framed directly, claiming to be the blog: the browser refuses (frame-ancestors).
      const direct = await browser.newPage()
      const problems = await watchProblems(direct)
      await direct.goto(stranger.url('/framed'))
      await expect
        .poll(() => problems.consoleErrors.join('\n'), { timeout: 20_000 })
        .toContain('frame-ancestors')
      const inner = direct.frames().find((x) => x !== direct.mainFrame())
      expect(await inner?.locator('#cc-request').count()).toBe(0)
      await direct.close()
    })
  },
)
