/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { type PartnerSite, partnerPage, strictCsp } from '../../../scripts/lib/partner-site.ts'
import { TURNSTILE_TEST_SECRET_KEYS, TURNSTILE_TEST_SITE_KEYS } from '../../../shared/turnstile.ts'
import { browserMissing, launchChromium, waitForWidget, watchProblems } from './helpers/browser.ts'
import { startPartnerWorld } from './helpers/fixture.ts'
import type { LeadWatch } from './helpers/leads.ts'
import { compareClinics, fillRequestForm, requestFrame, widget } from './helpers/page.ts'

const missing = browserMissing()

/** What the family reads when the check fails, wherever it failed. */
const CHALLENGE_FAILED = /could not confirm it comes from a person/

/** A Worker with some of Cloudflare's Turnstile test keys, and a partner blog of another origin. */
interface Setup {
  server: DevServer
  blog: PartnerSite
  leads: LeadWatch
}

async function setUp(env: Record<string, string>): Promise<Setup> {
  const world = await startPartnerWorld({ env, allow: 'only-first' })
  const { server, leads } = world
  const blog = world.site()
  blog.page(
    '/article',
    partnerPage(
      'Choosing a clinic',
      '<clinic-compare partner="demo" lang="en"></clinic-compare>',
      `<script src="${server.url}/widget.js" async></script>`,
    ),
    { 'Content-Security-Policy': strictCsp(server.url) },
  )
  return { server, blog, leads }
}

describe.skipIf(missing)(
  missing ? `browser tests skipped: ${missing}` : 'Turnstile in the request frame',
  () => {
    let browser: Browser
    /** siteverify refuses every token: Cloudflare's always-fail test secret. */
    let refusing: Setup
    /** The widget itself fails: Cloudflare's always-fail test site key. */
    let failing: Setup

    beforeAll(async () => {
      ;[browser, refusing, failing] = await Promise.all([
        launchChromium(),
        setUp({ TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRET_KEYS.alwaysFails }),
        setUp({ TURNSTILE_SITE_KEY: TURNSTILE_TEST_SITE_KEYS.alwaysFails }),
      ])
    })
    afterAll(async () => {
      await browser?.close()
      for (const setup of [refusing, failing]) {
        await Promise.all([setup?.server.stop(), setup?.blog.stop()])
      }
    })

    async function phone(setup: Setup): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 375, height: 740 },
        isMobile: true,
        hasTouch: true,
      })
      const page = await context.newPage()
      await page.goto(setup.blog.url('/article'))
      await waitForWidget(page)
      return page
    }

    it.each([
      ['siteverify refuses the token', () => refusing, 1],
      ['the check fails in the browser', () => failing, 0],
    ])(
      'at 375 px, when %s, tells the family what to do and keeps everything typed; no lead',
      async (_, setup, posts) => {
        const { leads } = setup()
        const page = await phone(setup())
        const problems = await watchProblems(page)
        let sent = 0
        page.on('request', (request) => {
          if (request.method() === 'POST' && request.url().endsWith('/v1/inquiries')) sent++
        })
        const before = await leads.ids()
        const w = widget(page)
        await compareClinics(page, ['Aurora'])
        const f = await fillRequestForm(w)
        // The challenge renders inside the form's frame, from Turnstile's origin only.
        await f.locator('iframe[title*="Cloudflare security challenge"]').waitFor()
        await f.getByRole('button', { name: 'Send request' }).click()
        await expect
          .poll(() => f.getByRole('alert').textContent(), { timeout: 30_000 })
          .toMatch(CHALLENGE_FAILED)
        expect(await f.getByLabel('Your name').inputValue()).toBe('Sample Parent')
        expect(await f.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(
          'parent@example.com',
        )
        expect(await f.getByLabel('age in years').inputValue()).toBe('9')
        expect(sent).toBe(posts)
        await new Promise((r) => setTimeout(r, 2000))
        expect(await leads.ids()).toEqual(before)
        expect(problems.cspViolations).toEqual([])
        await page.close()
      },
    )

    it('shows no form when the request page is opened as a page of its own', async () => {
      const page = await browser.newPage()
      const { server, blog } = refusing
      const response = await page.goto(
        `${server.url}/embed/request?partner=demo&clinics=aurora-tijuana&lang=en&origin=${encodeURIComponent(blog.origin)}`,
      )
      expect(response?.status()).toBe(403)
      await expect.poll(() => page.locator('h1').textContent()).toBe('Open the partner’s site')
      expect(await page.locator('form, input, iframe').count()).toBe(0)
      await page.close()
    })

    it('shows no widget when /embed is opened as a page of its own', async () => {
      const page = await browser.newPage()
      const response = await page.goto(`${refusing.server.url}/embed?partner=demo&lang=es`)
      expect(response?.status()).toBe(403)
      expect(await page.locator('clinic-compare').count()).toBe(0)
      await expect.poll(() => page.locator('h1').textContent()).toBe('Abra el sitio del socio')
      await page.close()
    })

    it('a framed form still works beside it: the request frame renders in the widget', async () => {
      const page = await phone(refusing)
      await compareClinics(page, ['Cedro'])
      await widget(page).getByRole('button', { name: 'Request information' }).click()
      await requestFrame(widget(page)).locator('form').waitFor({ timeout: 20_000 })
      await page.close()
    })
  },
)
