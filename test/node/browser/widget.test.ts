/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { sampleCatalogFor } from '../../../scripts/lib/local-state.ts'
import { publishCatalog } from '../../../scripts/lib/publish.ts'
import { axeViolations } from './helpers/axe.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import { compareClinics, requestFrame, widget } from './helpers/page.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let browser: Browser

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'the widget', () => {
  beforeAll(async () => {
    // The catalog is re-read every second, so the published hostile name shows up quickly.
    fixture = await startPartnerFixture({ sites: 0 })
    ;({ server, browser } = fixture)
  })
  afterAll(() => fixture?.stop())

  async function demo(width = 1280, options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, ...options })
    await page.goto(`${server.url}/demo/`)
    await waitForWidget(page, 'en')
    return page
  }

  it('lists the clinics and filters them by route, budget and city', async () => {
    const page = await demo()
    const w = widget(page)
    const cards = w.locator('.card')
    await expect.poll(() => cards.count()).toBe(6)
    await w.getByLabel('Delivery route').selectOption('intrathecal')
    await expect.poll(() => cards.allTextContents()).toHaveLength(3)
    expect((await cards.allTextContents()).join()).not.toContain('Brisa')
    await w.getByLabel('Delivery route').selectOption('')
    // Below every package at any rate the sample could carry: only Brisa's US$7,500.
    await w.getByLabel('Budget up to').fill('8000')
    await expect.poll(() => cards.count()).toBe(1)
    await expect.poll(() => cards.first().textContent()).toContain('Brisa')
    await w.getByLabel('Budget up to').fill('')
    await w.getByLabel('City').selectOption('Cancún')
    await expect.poll(() => cards.count()).toBe(2)
    expect(await w.getByRole('status').first().textContent()).toContain('2 clinics')
    await page.close()
  })

  it('keeps focus and what was typed while it filters and ticks, and keeps both after the comparison', async () => {
    const page = await demo()
    const w = widget(page)
    const cards = w.locator('.card')
    const hasFocus = (el: Element) => el === (el.getRootNode() as ShadowRoot).activeElement
    const budget = w.getByLabel('Budget up to')
    await budget.focus()
    // Key by key: each key filters the list, and none may move focus or lose a digit.
    // 9000 leaves out most clinics at any rate the sample's pesos could be at.
    await page.keyboard.type('9000', { delay: 30 })
    expect(await budget.inputValue()).toBe('9000')
    expect(await budget.evaluate(hasFocus)).toBe(true)
    await expect.poll(() => cards.count()).toBeLessThan(6)
    const shown = await cards.count()

    const box = cards.first().getByRole('checkbox')
    await box.focus()
    await page.keyboard.press('Space')
    await expect.poll(() => box.isChecked()).toBe(true)
    expect(await box.evaluate(hasFocus)).toBe(true)

    await w.getByRole('button', { name: 'Compare side by side' }).click()
    await w.locator('table').waitFor()
    await w.getByRole('button', { name: 'Back to the list' }).click()
    expect(await budget.inputValue()).toBe('9000')
    expect(await cards.count()).toBe(shown)
    expect(await cards.first().getByRole('checkbox').isChecked()).toBe(true)
    await page.close()
  })

  it('compares three clinics side by side, warnings in plain words', async () => {
    const page = await demo()
    const w = widget(page)
    const compared = page.evaluate(
      () =>
        new Promise<string[]>((resolve) =>
          document.addEventListener('clinic-compare:compare', (e) =>
            resolve((e as CustomEvent<{ clinicIds: string[] }>).detail.clinicIds),
          ),
        ),
    )
    for (const name of ['Aurora', 'Brisa', 'Cedro']) {
      await w.locator('.card', { hasText: name }).getByRole('checkbox').check()
    }
    // A fourth cannot be added.
    await expect(
      w.locator('.card', { hasText: 'Delta' }).getByRole('checkbox').isDisabled(),
    ).resolves.toBe(true)
    await w.getByRole('button', { name: 'Compare side by side' }).click()
    const table = w.locator('table')
    await table.waitFor()
    expect(await compared).toEqual(['aurora-tijuana', 'brisa-tijuana', 'cedro-cancun'])
    expect(await table.locator('thead th').count()).toBe(3)
    const text = (await table.textContent()) ?? ''
    expect(text).toContain('cannot legally treat patients')
    expect(text).toContain('in the name of a different company')
    expect(text).toMatch(/Permit SAMPLE-MR-\d{4}/)
    expect(text).toContain('$14,000')
    expect(text).toContain('MX$240,000')
    expect(text).toContain('4.6 of 5 (38 reviews)')
    expect(text).not.toMatch(/cure[sd]?\b(?! *\.)/i)
    // Focus moved to the comparison's heading.
    expect(
      await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName),
    ).toBe('H2')
    const context = await w.locator('.ctx').textContent()
    expect(context).toContain('supportive treatment, not a cure')
    expect(context).toContain('not approved by the FDA')
    await page.close()
  })

  it('shows flagged facts: stale verification, no certificate, low viability', async () => {
    const page = await demo()
    await compareClinics(page, ['Delta', 'Estela', 'Faro'])
    const text = (await widget(page).locator('table').textContent()) ?? ''
    expect(text).toContain('No Certificate of Analysis')
    expect(text).toContain('below the usual 95 %')
    expect(text).toContain('last checked more than a year ago')
    await page.close()
  })

  it('renders English and Spanish instances, and follows a live lang change', async () => {
    const page = await demo()
    await waitForWidget(page, 'es')
    expect(await widget(page, 'es').locator('h2').textContent()).toBe('Comparar clínicas')
    await widget(page, 'en').evaluate((el) => el.setAttribute('lang', 'es'))
    await expect
      .poll(() => page.locator('clinic-compare').first().locator('h2').textContent())
      .toBe('Comparar clínicas')
    await page.close()
  })

  it('works on the strict-CSP demo page without a violation or a console error', async () => {
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    const response = await page.goto(`${server.url}/demo/`)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await waitForWidget(page, 'en')
    await waitForWidget(page, 'es')
    await compareClinics(page, ['Aurora', 'Cedro'])
    await widget(page).getByRole('button', { name: 'Request information' }).click()
    const f = requestFrame(widget(page))
    await f.locator('form').waitFor()
    await f.getByRole('button', { name: 'Send request' }).click()
    await f.locator('[aria-invalid="true"]').first().waitFor()
    expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
    await page.close()
  })

  it('tells a failed partner check from an inactive partner, and retries it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    // The partner check gets no answer (offline, a 5xx); the clinic list does.
    await page.route('**/v1/partners/**', (route) => route.abort('connectionreset'))
    await page.goto(`${server.url}/demo/`)
    await waitForWidget(page, 'en')
    await compareClinics(page, ['Aurora'])
    const w = widget(page)
    const alert = w.getByRole('alert').filter({ hasText: 'could not check' })
    await alert.waitFor()
    expect(await w.getByText('Requests cannot be sent from this page').count()).toBe(0)
    expect(await w.getByRole('button', { name: 'Request information' }).count()).toBe(0)
    await page.unroute('**/v1/partners/**')
    await alert.getByRole('button', { name: 'Try again' }).click()
    await w.getByRole('button', { name: 'Request information' }).waitFor()
    await page.close()
  })

  it('says requests cannot be sent only for a partner the Worker does not know as active', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/demo/`)
    await page.evaluate(() => {
      const el = document.createElement('clinic-compare')
      el.setAttribute('partner', 'no-such-partner')
      el.setAttribute('lang', 'es')
      document.body.prepend(el)
    })
    await waitForWidget(page, 'es')
    const w = page.locator('clinic-compare[partner="no-such-partner"]')
    await w.locator('.card').first().getByRole('checkbox').check()
    await w.locator('.bar button').last().click()
    await w.getByText('Ahora no se pueden enviar solicitudes desde esta página.').waitFor()
    expect(await w.getByRole('button', { name: 'Pedir información' }).count()).toBe(0)
    await page.close()
  })

  it('keeps partner CSS out, its own CSS in, with the script twice and a late instance', async () => {
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    const hostile = `<!doctype html><html><head><style>
      html { font-size: 40px }
      * { letter-spacing: 7px; font-family: monospace }
      h2, h3, p { color: rgb(255, 0, 0) !important }
      button { background: rgb(255, 0, 0) !important }
      .card { display: none !important }
    </style></head><body>
      <script src="/widget.js" async></script><script src="/widget.js" async></script>
      <clinic-compare partner="demo" lang="en"></clinic-compare>
      <p class="warn muted vh" id="outside">partner text</p>
      <table id="table"><tr><td>partner cell</td></tr></table>
    </body></html>`
    await page.route('**/partner-page.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: hostile }),
    )
    await page.goto(`${server.url}/partner-page.html`)
    await waitForWidget(page, 'en')
    const inside = await widget(page)
      .locator('.card h3')
      .first()
      .evaluate((el) => {
        const s = getComputedStyle(el)
        const card = getComputedStyle(el.parentElement as Element)
        return {
          color: s.color,
          letterSpacing: s.letterSpacing,
          mono: s.fontFamily.includes('monospace'),
          cardPadding: card.paddingTop,
        }
      })
    expect(inside).toEqual({
      color: 'rgb(31, 41, 51)',
      letterSpacing: 'normal',
      mono: false,
      cardPadding: '12px',
    })
    const outside = await page.locator('#outside').evaluate((el) => {
      const s = getComputedStyle(el)
      return { border: s.borderTopWidth, width: el.getBoundingClientRect().width > 1 }
    })
    expect(outside).toEqual({ border: '0px', width: true })
    expect(await page.locator('#table td').evaluate((el) => getComputedStyle(el).paddingTop)).toBe(
      '1px',
    )
    // An instance added later, and an attribute changed after start.
    await page.evaluate(() => {
      const late = document.createElement('clinic-compare')
      late.setAttribute('partner', 'demo')
      late.setAttribute('lang', 'es')
      document.body.append(late)
    })
    await waitForWidget(page, 'es')
    expect(problems.pageErrors).toEqual([])
    await page.close()
  })

  // The form runs in its own frame: request-frame.test.ts audits it there.
  it('has no axe-core violations in the list and the comparison', async () => {
    const page = await demo(1280, { bypassCSP: true })
    const audit = () => axeViolations(page)
    expect(await audit()).toEqual([])
    await compareClinics(page, ['Aurora', 'Brisa', 'Cedro'])
    expect(await audit()).toEqual([])
    await page.close()
  })

  it('has no horizontal page scroll at 375 px, in the comparison and the form', async () => {
    const page = await demo(375)
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
    expect(await overflow()).toBe(0)
    await compareClinics(page, ['Aurora', 'Brisa', 'Cedro'])
    expect(await overflow()).toBe(0)
    await widget(page).getByRole('button', { name: 'Request information' }).click()
    await requestFrame(widget(page)).locator('form').waitFor()
    expect(await overflow()).toBe(0)
    await page.close()
  })

  it('shows a clinic name containing markup as text', async () => {
    const name = '<img src=x onerror="window.pwned=1"><b>Bold</b> Clinic (sample)'
    const catalog = await sampleCatalogFor(server.port)
    const [first] = catalog.clinics
    if (!first) throw new Error('the sample catalog has no clinic')
    first.name = name
    await publishCatalog(catalog, { local: true, persistTo: server.persistDir })
    await expect
      .poll(
        async () => {
          const body = (await (await fetch(`${server.url}/v1/clinics`)).json()) as {
            clinics: { name: string }[]
          }
          return body.clinics.some((c) => c.name === name)
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true)
    const page = await demo()
    const w = widget(page)
    expect(await w.locator('.card h3').first().textContent()).toBe(name)
    expect(await w.locator('img, b').count()).toBe(0)
    expect(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined()
    await page.close()
  })
})
