/// <reference lib="dom" />
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { sampleCatalogFor } from '../../../scripts/lib/local-state.ts'
import { publishCatalog } from '../../../scripts/lib/publish.ts'
import { ROOT } from '../../../scripts/lib/wrangler.ts'
import { utcDay } from '../../../shared/rules/freshness.ts'
import { RATE_MAX_AGE_DAYS } from '../../../shared/rules/rates.ts'
import type { ClinicsResponse } from '../../../shared/schemas/api.ts'
import { browserMissing, waitForWidget } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import { compareClinics, widget } from './helpers/page.ts'

const missing = browserMissing()
const SHOTS = join(ROOT, 'test-results', 'prices')
const DAY = 86_400_000

let fixture: PartnerFixture
let server: DevServer
let browser: Browser

/** Publishes the sample with its rate dated `date`, and waits for the Worker to serve it. */
async function rateDated(date: string): Promise<void> {
  const catalog = await sampleCatalogFor(server.port)
  for (const rate of catalog.exchangeRates) rate.date = date
  await publishCatalog(catalog, { local: true, persistTo: server.persistDir })
  await expect
    .poll(
      async () => {
        const list = (await (await fetch(`${server.url}/v1/clinics`)).json()) as ClinicsResponse
        return list.exchangeRates[0]?.date
      },
      { timeout: 20_000 },
    )
    .toBe(date)
}

async function demo(lang: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 375, height: 900 } })
  await page.goto(`${server.url}/demo/`)
  await waitForWidget(page, lang)
  return page
}

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'prices', () => {
  beforeAll(async () => {
    fixture = await startPartnerFixture({ sites: 0 })
    ;({ server, browser } = fixture)
  })
  afterAll(() => fixture?.stop())

  it('finds the clinic priced in pesos within a US$15,000 budget, with its converted price and the rate’s date', async () => {
    const today = utcDay(Date.now())
    await rateDated(today)
    const page = await demo('en')
    const w = widget(page)
    await w.getByLabel('Budget up to').fill('15000')
    const cedro = w.locator('.card', { hasText: 'Cedro' })
    // MX$240,000 at 17.9 MXN per USD is about US$13,408.
    await expect.poll(() => cedro.count()).toBe(1)
    expect(await cedro.textContent()).toContain('MX$240,000–290,000 ≈ $13,400 – $16,200')
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${today}T00:00:00Z`),
    )
    expect(await w.locator('.rates').textContent()).toBe(
      `Prices in MXN are shown and compared with your budget at 17.9 MXN per USD (Banco de México, FIX (sample figure), ${date}).`,
    )
    // A budget under the converted price leaves it out.
    await w.getByLabel('Budget up to').fill('13000')
    await expect.poll(() => cedro.count()).toBe(0)
    await w.getByLabel('Budget up to').fill('15000')
    await page.screenshot({ path: join(SHOTS, 'list-375-en.png'), fullPage: true })

    await compareClinics(page, ['Aurora', 'Cedro'])
    const prices = w.locator('tr.fact').filter({ hasText: 'MX$240,000' })
    const text = await prices.textContent()
    expect(text).toContain('≈ $13,400 – $16,200')
    expect(await w.locator('tr.rn').textContent()).toBe(
      `≈ converted at 17.9 MXN per USD (Banco de México, FIX (sample figure), ${date}).`,
    )
    await prices.screenshot({ path: join(SHOTS, 'compare-prices-en.png') })
    await page.close()

    // The family's currency may be pesos: dollar prices then convert the other way.
    const es = await demo('es')
    const v = widget(es, 'es')
    await v.getByLabel('Moneda').selectOption('MXN')
    await v.getByLabel('Presupuesto hasta').fill('140000')
    await expect.poll(() => v.locator('.card').count()).toBe(1)
    expect(await v.locator('.card', { hasText: 'Brisa' }).textContent()).toMatch(/≈ 134\.300/)
    await es.close()
  })

  it('flags a rate past the freshness limit and never converts with it', async () => {
    const old = utcDay(Date.now() - (RATE_MAX_AGE_DAYS + 1) * DAY)
    await rateDated(old)
    const page = await demo('en')
    const w = widget(page)
    await w.getByLabel('Budget up to').fill('15000')
    await expect.poll(() => w.locator('.card', { hasText: 'Cedro' }).count()).toBe(0)
    const note = w.locator('.rates .warn')
    expect(await note.textContent()).toMatch(
      new RegExp(
        `^Prices in MXN are not converted or compared: the latest exchange rate \\(.+\\) is more than ${RATE_MAX_AGE_DAYS} days old\\.$`,
      ),
    )
    expect(await w.locator('.card', { hasText: 'Delta' }).count()).toBe(0)
    await w.getByLabel('Budget up to').fill('')
    expect(await w.locator('.card', { hasText: 'Cedro' }).textContent()).not.toContain('≈')
    await page.screenshot({ path: join(SHOTS, 'list-stale-375-en.png'), fullPage: true })

    await compareClinics(page, ['Aurora', 'Cedro'])
    const prices = w.locator('tr.fact').filter({ hasText: 'MX$240,000' })
    const text = await prices.textContent()
    expect(text).not.toContain('≈')
    expect(await w.locator('tr.rn').textContent()).toMatch(
      /^Prices in MXN are not converted: the latest exchange rate \(.+\) is more than 14 days old\.$/,
    )
    await page.close()
  })
})
