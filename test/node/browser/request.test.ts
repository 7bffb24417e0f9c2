/// <reference lib="dom" />
import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import type { LeadWatch } from './helpers/leads.ts'
import {
  compareClinics,
  fillRequestForm,
  focused,
  requestFrame,
  tabTo,
  widget,
} from './helpers/page.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let leads: LeadWatch
let browser: Browser

/** Collects the widget's events on the page, to check they carry no personal data. */
async function recordEvents(
  page: Page,
): Promise<() => Promise<{ type: string; detail: unknown }[]>> {
  await page.addInitScript(() => {
    const seen: { type: string; detail: unknown }[] = []
    ;(window as unknown as { ccEvents: typeof seen }).ccEvents = seen
    for (const type of ['ready', 'compare', 'form-open', 'submitted', 'error']) {
      document.addEventListener(`clinic-compare:${type}`, (e) =>
        seen.push({ type, detail: (e as CustomEvent).detail }),
      )
    }
  })
  return () => page.evaluate(() => (window as unknown as { ccEvents: [] }).ccEvents)
}

/** Fills the whole form with the keyboard only, starting from the focused form heading. */
async function fillByKeyboard(page: Page): Promise<void> {
  const type = async (label: string, text: string) => {
    await tabTo(page, label)
    await page.keyboard.type(text)
  }
  await type('Your name', 'Sample Parent')
  await type('Email', 'parent@example.com')
  await tabTo(page, 'Country you live in')
  await page.keyboard.type('Mexico')
  await type('age in years', '7')
  for (const question of ['infection', 'seizures', 'kidney', 'genetic']) {
    // Tab lands on the group's first radio ("Yes"); the arrow moves to and picks "No".
    await tabTo(page, 'Yes')
    await page.keyboard.press('ArrowRight')
    expect(await focused(page), question).toContain('No')
  }
  await tabTo(page, 'I agree')
  await page.keyboard.press('Space')
}

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'a request', () => {
  beforeAll(async () => {
    fixture = await startPartnerFixture({ sites: 0 })
    ;({ server, browser, leads } = fixture)
  })
  afterAll(() => fixture?.stop())

  it('is sent with the keyboard only and ends as exactly one lead', async () => {
    const page = await browser.newPage()
    const problems = await watchProblems(page)
    const events = await recordEvents(page)
    await page.goto(`${server.url}/demo/`)
    await waitForWidget(page)
    const before = await leads.ids()

    await tabTo(page, 'Compare Aurora')
    await page.keyboard.press('Space')
    await tabTo(page, 'Compare Cedro')
    await page.keyboard.press('Space')
    await tabTo(page, 'Compare side by side')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toContain('Side-by-side comparison')
    await tabTo(page, 'Request information')
    await page.keyboard.press('Enter')
    await requestFrame(widget(page)).locator('form').waitFor()
    expect(await focused(page)).toMatch(/^h1 Request information/)

    // Sending too early shows the errors next to their fields and focuses the first.
    await tabTo(page, 'Send request')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toContain('Your name')
    const alert = requestFrame(widget(page)).getByRole('alert')
    await expect.poll(() => alert.textContent()).toMatch(/Please check \d+ fields/)
    const nameError = await requestFrame(widget(page))
      .getByLabel('Your name')
      .getAttribute('aria-describedby')
    expect(await requestFrame(widget(page)).locator(`#${nameError}`).textContent()).toBe(
      'Enter your name.',
    )

    await page.keyboard.press('Shift+Tab')
    await fillByKeyboard(page)
    await tabTo(page, 'Send request')
    await page.keyboard.press('Enter')
    const status = requestFrame(widget(page)).getByRole('status').filter({ hasText: 'Request id' })
    await status.waitFor({ timeout: 20_000 })
    const id = /Request id: (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? ''
    expect(id).not.toBe('')

    const after = await leads.waitFor(id)
    expect(after.filter((x) => !before.includes(x))).toEqual([id])

    const seen = await events()
    expect(seen.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ready', 'compare', 'form-open', 'submitted']),
    )
    expect(seen.find((e) => e.type === 'submitted')?.detail).toEqual({
      requestId: id,
      clinicIds: ['aurora-tijuana', 'cedro-cancun'],
    })
    expect(JSON.stringify(seen)).not.toMatch(/Sample Parent|parent@example\.com/)
    expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
    await page.close()
  })

  it('keeps everything typed when the connection drops, and a retry makes one lead', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/demo/`)
    await waitForWidget(page)
    const before = await leads.ids()
    const posts: Request[] = []
    let cut = true
    await page.route('**/v1/inquiries', async (route) => {
      posts.push(route.request())
      if (!cut) return route.continue()
      cut = false
      // The Worker takes the request, but the answer never reaches the page.
      await route.fetch()
      await route.abort('connectionreset')
    })
    await compareClinics(page, ['Brisa'])
    const w = widget(page)
    const f = await fillRequestForm(w)
    await f.getByRole('button', { name: 'Send request' }).click()

    await expect.poll(() => f.getByRole('alert').textContent()).toContain('connection failed')
    expect(await f.getByLabel('Your name').inputValue()).toBe('Sample Parent')
    expect(await f.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('parent@example.com')
    await f.getByRole('button', { name: 'Try sending again' }).click()
    const status = f.getByRole('status').filter({ hasText: 'Request id' })
    await status.waitFor({ timeout: 20_000 })
    const id = /Request id: (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? ''

    expect(posts).toHaveLength(2)
    const keys = await Promise.all(posts.map((p) => p.headerValue('Idempotency-Key')))
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    const after = await leads.waitFor(id)
    expect(after.filter((x) => !before.includes(x))).toEqual([id])
    await page.close()
  })

  it('uses a new key when the family edits the form after a failed send', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/demo/`)
    await waitForWidget(page)
    const keys: (string | null)[] = []
    await page.route('**/v1/inquiries', async (route) => {
      keys.push(await route.request().headerValue('Idempotency-Key'))
      await route.abort('connectionreset')
    })
    await compareClinics(page, ['Aurora'])
    const w = await fillRequestForm(widget(page), { country: 'MX', age: '4', answer: 'No' })
    await w.getByRole('button', { name: 'Send request' }).click()
    await expect.poll(() => keys.length).toBe(1)
    await w.getByRole('button', { name: 'Try sending again' }).click()
    await expect.poll(() => keys.length).toBe(2)
    await w.getByLabel('age in years').fill('5')
    await w.getByRole('button', { name: /send/i }).click()
    await expect.poll(() => keys.length).toBe(3)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
    await page.close()
  })
})
