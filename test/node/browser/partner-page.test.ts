/// <reference lib="dom" />
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { type PartnerSite, partnerPage, strictCsp } from '../../../scripts/lib/partner-site.ts'
import { inOneLimiterWindow } from '../../worker/helpers/limiter-window.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { addArticle, type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import type { LeadWatch } from './helpers/leads.ts'
import { compareClinics, fillRequestForm, widget } from './helpers/page.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let leads: LeadWatch
let browser: Browser
let site: PartnerSite

const NO_PROBLEMS = { cspViolations: [], consoleErrors: [], pageErrors: [] }
const CORS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' }

/** The widget's events as the partner's page sees them. */
async function recordEvents(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { ccEvents: string[] }).ccEvents = seen
    for (const type of ['ready', 'error']) {
      document.addEventListener(`clinic-compare:${type}`, (e) =>
        seen.push(`${type} ${JSON.stringify((e as CustomEvent).detail)}`),
      )
    }
  })
  return () => page.evaluate(() => (window as unknown as { ccEvents: string[] }).ccEvents)
}

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'a partner page', () => {
  beforeAll(async () => {
    fixture = await startPartnerFixture()
    ;({ server, browser, leads } = fixture)
    site = fixture.site()
    const script = addArticle(site, server)
    const csp = { 'Content-Security-Policy': strictCsp(server.url) }
    site.page(
      '/twice',
      partnerPage(
        'Two widgets',
        `<clinic-compare partner="demo" lang="en"></clinic-compare>
${script}
<clinic-compare partner="demo" lang="es"></clinic-compare>`,
        script,
      ),
      csp,
    )
    // A single-page app's shell: its code adds the widget and the script later.
    site.page('/app', partnerPage('Parent app', '<div id="route"></div>'), csp)
  })
  afterAll(() => fixture?.stop())

  async function open(path: string, context?: BrowserContext): Promise<Page> {
    const page = await (context ?? browser).newPage()
    await page.goto(site.url(path))
    return page
  }

  it('shows the widget on an article of another origin under a strict CSP', async () => {
    const page = await (await browser.newContext()).newPage()
    const problems = await watchProblems(page)
    const loaded: Request[] = []
    page.on('requestfinished', (r) => loaded.push(r))
    await page.goto(site.url('/article'))
    await waitForWidget(page)
    await expect.poll(() => widget(page).locator('.card').count()).toBe(6)
    expect(problems).toEqual(NO_PROBLEMS)
    // Everything came from the Worker, cross-origin, and the module in CORS mode.
    const main = loaded.find((r) => /\/widget\/[0-9a-f]{12}\/main\.js$/.test(r.url()))
    expect(main?.url().startsWith(server.url)).toBe(true)
    expect(await main?.headerValue('Origin')).toBe(site.origin)
    await page.close()
  })

  it('asks for no unchanged file of the widget again when the family comes back', async () => {
    const context = await browser.newContext()
    const first = await open('/article', context)
    await waitForWidget(first)
    await first.close()
    const again = await context.newPage()
    const cdp = await context.newCDPSession(again)
    await cdp.send('Network.enable')
    const fromNetwork: string[] = []
    const fromCache = new Set<string>()
    const urls = new Map<string, string>()
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url))
    cdp.on('Network.requestServedFromCache', (e) => fromCache.add(urls.get(e.requestId) ?? ''))
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache || e.response.fromPrefetchCache) fromCache.add(e.response.url)
      else if (e.response.url.includes('/widget/')) fromNetwork.push(e.response.url)
    })
    await again.goto(site.url('/article'))
    await waitForWidget(again)
    const chunks = [...urls.values()].filter((u) => /\/widget\/[0-9a-f]{12}\//.test(u))
    expect(chunks.length).toBeGreaterThanOrEqual(2)
    expect(fromNetwork).toEqual([])
    for (const chunk of chunks) expect(fromCache).toContain(chunk)
    await context.close()
  })

  it('runs two instances on one page with the script included twice', async () => {
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    const mains: string[] = []
    page.on('request', (r) => r.url().endsWith('/main.js') && mains.push(r.url()))
    await page.goto(site.url('/twice'))
    await Promise.all([waitForWidget(page, 'en'), waitForWidget(page, 'es')])
    expect(await widget(page, 'es').locator('h2').first().textContent()).toBe('Comparar clínicas')
    expect(mains).toHaveLength(1)
    expect(problems).toEqual(NO_PROBLEMS)
    await page.close()
  })

  it('is created, removed and created again by a single-page app, switching its attributes', async () => {
    const page = await open('/app')
    const problems = await watchProblems(page)
    const events = await recordEvents(page)
    await page.reload()
    // The app renders the tag before the script has loaded; it upgrades later.
    await page.evaluate((workerUrl) => {
      const el = document.createElement('clinic-compare')
      el.setAttribute('partner', 'demo')
      el.setAttribute('lang', 'en')
      document.getElementById('route')?.append(el)
      const script = document.createElement('script')
      script.src = `${workerUrl}/widget.js`
      script.async = true
      document.head.append(script)
    }, server.url)
    await waitForWidget(page, 'en')

    // A route change removes it while its partner request is still under way.
    const aborted: string[] = []
    page.on('requestfailed', (r) => aborted.push(`${r.url()} ${r.failure()?.errorText}`))
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => {
      release = r
    })
    let reached: () => void = () => undefined
    const requested = new Promise<void>((r) => {
      reached = r
    })
    await page.route('**/v1/partners/**', async (route) => {
      reached()
      await held
      await route.continue().catch(() => undefined)
    })
    await page.evaluate(() => {
      const el = document.createElement('clinic-compare')
      el.setAttribute('partner', 'demo')
      el.setAttribute('lang', 'en')
      document.getElementById('route')?.replaceChildren(el)
    })
    await requested
    await page.evaluate(() => document.getElementById('route')?.replaceChildren())
    release()
    await expect.poll(() => aborted.join('\n')).toMatch(/\/v1\/partners\/demo .*ERR_ABORTED/)
    await page.unroute('**/v1/partners/**')
    const readyBefore = (await events()).filter((e) => e.startsWith('ready')).length
    await page.waitForTimeout(500)
    // Nothing of the removed element runs on: no late render, no late event.
    expect((await events()).filter((e) => e.startsWith('ready')).length).toBe(readyBefore)

    // Back to the route: a new element, then the app switches it to Spanish and another partner id.
    await page.evaluate(() => {
      const el = document.createElement('clinic-compare')
      el.setAttribute('partner', 'demo')
      el.setAttribute('lang', 'en')
      document.getElementById('route')?.append(el)
    })
    await waitForWidget(page, 'en')
    await page.evaluate(() => document.querySelector('clinic-compare')?.setAttribute('lang', 'es'))
    await waitForWidget(page, 'es')
    await expect
      .poll(() => widget(page, 'es').locator('h2').first().textContent())
      .toBe('Comparar clínicas')
    await page.evaluate(() =>
      document.querySelector('clinic-compare')?.setAttribute('partner', 'nobody'),
    )
    await expect.poll(events).toContain('error {"code":"partner_not_found","status":404}')
    // An api-base with no Worker behind it (the partner's own origin), then the real one again.
    await page.evaluate((base) => {
      document.querySelector('clinic-compare')?.setAttribute('api-base', base)
    }, site.origin)
    await expect.poll(events).toContain('error {"code":"clinics_unavailable"}')
    await page.evaluate((base) => {
      const el = document.querySelector('clinic-compare')
      el?.setAttribute('partner', 'demo')
      el?.setAttribute('api-base', base)
    }, server.url)
    await waitForWidget(page, 'es')
    expect(await page.locator('clinic-compare').count()).toBe(1)
    expect(problems.cspViolations).toEqual([])
    expect(problems.pageErrors).toEqual([])
    await page.close()
  })

  it('says the list did not load when the network drops, and shows it on Try again', async () => {
    const page = await browser.newPage()
    // The phone loses the connection just as the list is asked for.
    await page.route('**/v1/clinics', (route) => route.abort('internetdisconnected'))
    await page.goto(site.url('/article'))
    const w = widget(page)
    const alert = w.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('could not be loaded')
    expect(await w.locator('.card').count()).toBe(0)
    await page.unroute('**/v1/clinics')
    await alert.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => w.locator('.card').count()).toBe(6)
    expect(await alert.count()).toBe(0)
    await page.close()
  })

  it('shows the retry message, not a blank box, when a file of the widget fails to load', async () => {
    const page = await browser.newPage()
    const events = await recordEvents(page)
    // After a deploy, a page still runs the previous loader from its cache: the
    // module it names is gone from the Worker.
    const current = await (await fetch(`${server.url}/widget.js`)).text()
    const previous = current.replace(
      /widget\/[0-9a-f]{12}\/main\.js/,
      'widget/000000000000/main.js',
    )
    expect(previous).not.toBe(current)
    await page.route(/\/widget\.js$/, (route) =>
      route.fulfill({ body: previous, contentType: 'text/javascript', headers: CORS }),
    )
    await page.goto(site.url('/article'))
    const el = page.locator('clinic-compare')
    await expect.poll(() => el.getByRole('alert').textContent()).toContain('did not load')
    expect(await events()).toContain('error {"code":"widget_unavailable"}')
    // Trying again fetches the current loader past the cache.
    await el.getByRole('button', { name: 'Try again' }).click()
    await waitForWidget(page)

    // A lazy chunk that fails says so too, and loads on the next try.
    // Every URL of the chunk fails, retries included, until the connection is back.
    const compareChunk = /\/widget\/[0-9a-f]{12}\/compare\.js/
    await page.route(compareChunk, (route) => route.abort('connectionreset'))
    await widget(page).locator('.card', { hasText: 'Aurora' }).getByRole('checkbox').check()
    await widget(page).getByRole('button', { name: 'Compare side by side' }).click()
    await expect.poll(events).toContain('error {"code":"compare_unavailable"}')
    const alert = widget(page).getByRole('alert')
    expect(await alert.textContent()).toContain('did not load')
    await page.unroute(compareChunk)
    await alert.getByRole('button', { name: 'Try again' }).click()
    await widget(page).locator('table').waitFor()
    expect(await widget(page).getByRole('alert').count()).toBe(0)

    // So does a language chunk.
    await page.route(/\/widget\/[0-9a-f]{12}\/es\.js/, (route) => route.abort('connectionreset'))
    await page.evaluate(() => document.querySelector('clinic-compare')?.setAttribute('lang', 'es'))
    await expect.poll(events).toContain('error {"code":"strings_unavailable"}')
    expect(await widget(page, 'es').getByRole('alert').textContent()).toContain('no se cargó')
    await page.close()
  })

  it('reloads the page on a second try when the module still cannot load', async () => {
    const page = await browser.newPage()
    const current = await (await fetch(`${server.url}/widget.js`)).text()
    const broken = current.replace(/widget\/[0-9a-f]{12}\/main\.js/, 'widget/000000000000/main.js')
    // Every copy of the loader, the one past the cache too, names a module that is gone.
    const loaders = /\/widget\.js(\?|$)/
    await page.route(loaders, (route) =>
      route.fulfill({ body: broken, contentType: 'text/javascript', headers: CORS }),
    )
    await page.goto(site.url('/article'))
    const retry = page.locator('clinic-compare').getByRole('button', { name: 'Try again' })
    await retry.click()
    // The loader past the cache failed as well: its message offers a reload.
    await expect.poll(() => retry.count()).toBe(1)
    await page.unroute(loaders)
    await Promise.all([page.waitForEvent('load'), retry.click()])
    await waitForWidget(page)
    await page.close()
  })

  it('sends a request from a partner page, through the form’s frame, as exactly one lead', async () => {
    const page = await open('/article')
    const problems = await watchProblems(page)
    await page.reload()
    await waitForWidget(page)
    const before = await leads.ids()
    const posts: Request[] = []
    page.on('request', (r) => r.url().endsWith('/v1/inquiries') && posts.push(r))
    await compareClinics(page, ['Aurora', 'Cedro'])
    const w = widget(page)
    const f = await fillRequestForm(w)
    await f.getByRole('button', { name: 'Send request' }).click()
    const status = f.getByRole('status').filter({ hasText: 'Request id' })
    await status.waitFor({ timeout: 20_000 })
    const id = /Request id: (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? ''
    const post = posts.find((r) => r.method() === 'POST')
    // The form's frame sends it, from the Worker's own origin, never the partner page.
    expect(await post?.headerValue('Origin')).toBe(new URL(server.url).origin)
    const after = await leads.waitFor(id)
    expect(after.filter((x) => !before.includes(x))).toEqual([id])
    expect(problems).toEqual(NO_PROBLEMS)
    await page.close()
  })

  // Last: it uses up the rate limit of this client for a minute.
  it('tells the family how long to wait when requests are rate limited', async () => {
    const page = await open('/article')
    await waitForWidget(page)
    await compareClinics(page, ['Brisa'])
    const w = widget(page)
    const f = await fillRequestForm(w)
    // Other requests from the same client use up the limit first, in the window the family's send meets.
    await inOneLimiterWindow(20_000)
    for (let i = 0; i < 25; i++) {
      const r = await fetch(`${server.url}/v1/inquiries`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: site.origin },
        body: JSON.stringify({ partnerId: 'demo' }),
      })
      if (r.status === 429) break
    }
    await f.getByRole('button', { name: 'Send request' }).click()
    const alert = f.getByRole('alert')
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toMatch(/try again in 60 seconds/)
    expect(await f.getByLabel('Your name').inputValue()).toBe('Sample Parent')
    await page.close()
  })
})
