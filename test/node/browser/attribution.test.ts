/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { queryLeadsDb } from '../helpers/d1.ts'
import { browserMissing, waitForWidget } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import type { LeadWatch } from './helpers/leads.ts'
import { compareClinics, fillRequestForm, widget } from './helpers/page.ts'

const missing = browserMissing()

let fixture: PartnerFixture
let server: DevServer
let leads: LeadWatch
let browser: Browser

/** Sends a request from the widget; returns the inquiry body it posted and the request id. */
async function sendFromWidget(page: Page): Promise<{ body: Record<string, unknown>; id: string }> {
  const posted = page.waitForRequest('**/v1/inquiries')
  await compareClinics(page, ['Aurora'])
  // The form runs in its frame, which got the page's attribution in its URL.
  const f = await fillRequestForm(widget(page), { country: 'MX', age: '6', answer: 'No' })
  await f.getByRole('button', { name: 'Send request' }).click()
  const body = (await posted).postDataJSON() as Record<string, unknown>
  const status = f.getByRole('status').filter({ hasText: 'Request id' })
  await status.waitFor({ timeout: 20_000 })
  const id = /Request id: (\S+)/.exec((await status.textContent()) ?? '')?.[1] ?? ''
  return { body, id }
}

async function storedAttribution(id: string) {
  await leads.waitFor(id)
  const [row] = await queryLeadsDb<Record<string, unknown>>(
    server.persistDir,
    `SELECT attr_source, attr_medium, attr_campaign, attr_page FROM leads WHERE id = '${id}'`,
  )
  return row
}

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'attribution', () => {
  beforeAll(async () => {
    fixture = await startPartnerFixture({ sites: 0 })
    ;({ server, browser, leads } = fixture)
  })
  afterAll(() => fixture?.stop())

  it("is read from the partner page's UTM parameters and path, never its other query or fragment", async () => {
    const page = await browser.newPage()
    await page.goto(
      `${server.url}/demo/?utm_source=blog&utm_medium=social&utm_campaign=spring-2026&ref=ana%40example.com#top`,
    )
    await waitForWidget(page)
    const { body, id } = await sendFromWidget(page)
    expect(body.attribution).toEqual({
      source: 'blog',
      medium: 'social',
      campaign: 'spring-2026',
      page: '/demo/',
    })
    expect(JSON.stringify(body.attribution)).not.toContain('ana')
    expect(await storedAttribution(id)).toEqual({
      attr_source: 'blog',
      attr_medium: 'social',
      attr_campaign: 'spring-2026',
      attr_page: '/demo/',
    })
    await page.close()
  })

  it("prefers the element's campaign attribute, cuts long values and drops ones the API would refuse", async () => {
    const page = await browser.newPage()
    const longSource = 's'.repeat(150)
    await page.goto(
      `${server.url}/demo/?utm_source=${longSource}&utm_medium=x%40example.com&utm_campaign=ignored`,
    )
    await waitForWidget(page)
    await page.evaluate(() =>
      document.querySelector('clinic-compare[lang="en"]')?.setAttribute('campaign', 'sidebar'),
    )
    await waitForWidget(page)
    const { body, id } = await sendFromWidget(page)
    expect(body.attribution).toEqual({
      source: 's'.repeat(100),
      campaign: 'sidebar',
      page: '/demo/',
    })
    expect(await storedAttribution(id)).toMatchObject({
      attr_campaign: 'sidebar',
      attr_medium: null,
    })
    await page.close()
  })
})
