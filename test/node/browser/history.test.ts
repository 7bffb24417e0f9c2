/// <reference lib="dom" />
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { sampleCatalogFor } from '../../../scripts/lib/local-state.ts'
import { runScript } from '../../../scripts/lib/run-script.ts'
import { ROOT } from '../../../scripts/lib/wrangler.ts'
import { utcDay } from '../../../shared/rules/freshness.ts'
import type { ClinicsResponse } from '../../../shared/schemas/api.ts'
import { browserMissing, waitForWidget } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import { compareClinics, widget } from './helpers/page.ts'

const missing = browserMissing()
const SHOTS = join(ROOT, 'test-results', 'history')

let fixture: PartnerFixture
let server: DevServer
let browser: Browser

describe.skipIf(missing)(
  missing ? `browser tests skipped: ${missing}` : 'the change history',
  () => {
    beforeAll(async () => {
      fixture = await startPartnerFixture({ sites: 0 })
      ;({ server, browser } = fixture)
    })
    afterAll(() => fixture?.stop())

    it('shows, when asked, when a clinic’s facts last changed and what changed', async () => {
      const today = utcDay(Date.now())
      const catalog = await sampleCatalogFor(server.port)
      const licence = catalog.clinics.find((c) => c.id === 'aurora-tijuana')?.licences
        .regenerativeMedicine
      if (!licence) throw new Error('the sample has Aurora’s licence')
      licence.provenance.checkedAt = today
      const file = join(server.persistDir, 'rechecked.json')
      await writeFile(file, JSON.stringify(catalog))
      const publish = await runScript('catalog-publish.ts', [
        file,
        '--local',
        '--persist-to',
        server.persistDir,
        '--operator',
        'op-marta',
        '--reason',
        'Licence re-checked (sample)',
      ])
      expect(publish.code, publish.stderr).toBe(0)
      await expect
        .poll(
          async () => {
            const list = (await (await fetch(`${server.url}/v1/clinics`)).json()) as ClinicsResponse
            return list.clinics[0]?.licences.regenerativeMedicine?.provenance.checkedAt
          },
          { timeout: 20_000 },
        )
        .toBe(today)

      const page = await browser.newPage({ viewport: { width: 375, height: 900 } })
      const requests: string[] = []
      page.on('request', (r) => requests.push(new URL(r.url()).pathname))
      await page.goto(`${server.url}/demo/`)
      await waitForWidget(page, 'en')
      await compareClinics(page, ['Aurora', 'Brisa'])
      const w = widget(page)
      // Nothing is asked for until the family opens it.
      expect(requests.filter((p) => p.endsWith('/history'))).toEqual([])
      const toggle = w.getByRole('button', { name: 'What changed, and when' })
      await toggle.click()
      expect(await toggle.getAttribute('aria-expanded')).toBe('true')
      const aurora = w.locator('.hs .hc', { hasText: 'Aurora' })
      const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${today}T00:00:00Z`),
      )
      await expect.poll(() => aurora.textContent()).toContain(`Facts last changed on ${date}.`)
      expect(await aurora.textContent()).toContain(
        `Regenerative Medicine Licence: provenance.checkedAt: 2026-10-02 → ${today}`,
      )
      // Who published and why stay with the operators.
      expect(await aurora.textContent()).not.toContain('re-checked')
      const brisa = w.locator('.hs .hc', { hasText: 'Brisa' })
      await expect.poll(() => brisa.textContent()).toContain('No change recorded')
      await aurora.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(SHOTS, 'changes-375-en.png') })
      await page.close()
    })
  },
)
