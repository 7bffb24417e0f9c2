import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import type { PartnerSite } from '../../../scripts/lib/partner-site.ts'
import type { EnginePage } from './helpers/engines/engine.ts'
import { waitUntil } from './helpers/engines/engine.ts'
import { firefoxMissing, openFirefox } from './helpers/engines/firefox.ts'
import { openWebKit, webkitMissing } from './helpers/engines/webkit.ts'
import { addArticle, type PartnerWorld, startPartnerWorld } from './helpers/fixture.ts'

/**
 * The partner page of partner-page.test.ts (there in Chromium, with much more)
 * in the other engines families use: WebKit (every browser on an iPhone) and
 * Firefox. Which versions ran is printed and written in docs/widget.md.
 */
const ENGINES = [
  { name: 'WebKit', missing: webkitMissing(), open: openWebKit },
  { name: 'Firefox', missing: firefoxMissing(), open: openFirefox },
]
const missing = ENGINES.filter((e) => e.missing).map((e) => `${e.name}: ${e.missing}`)

let world: PartnerWorld
let server: DevServer
let site: PartnerSite

beforeAll(async () => {
  if (missing.length === ENGINES.length) return
  world = await startPartnerWorld()
  server = world.server
  site = world.site()
  addArticle(site, server)
})
afterAll(() => world?.stop())

/** The request id the form's frame shows once the Worker accepted the request. */
async function requestId(page: EnginePage): Promise<string> {
  let id = ''
  try {
    await waitUntil('the request id', async () => {
      const [status = ''] = await page.texts('[role="status"]', 'Request id')
      id = /Request id: (\S+)/.exec(status)?.[1] ?? ''
      return id !== ''
    })
  } catch (error) {
    // What the form says instead (a field it refused, a failed send).
    throw new Error(`${error}: ${(await page.texts('.err, [role="alert"]')).join(' | ')}`)
  }
  return id
}

for (const engine of ENGINES) {
  describe.skipIf(engine.missing)(
    engine.missing
      ? `${engine.name} skipped: ${engine.missing}`
      : `a partner page in ${engine.name}`,
    () => {
      let page: EnginePage
      beforeAll(async () => {
        page = await engine.open()
        console.log(`${engine.name}: ${page.version}`)
      })
      afterAll(() => page?.close())

      it('lists, compares, and sends a request through the form’s frame as exactly one lead', async () => {
        const before = await world.leads.ids()
        await page.goto(site.url('/article'))
        await waitUntil('six clinics', async () => (await page.texts('.card')).length === 6)

        for (const name of ['Aurora', 'Cedro']) {
          await page.click('.card', { text: name, inner: 'input[type="checkbox"]' })
        }
        await page.click('button', { text: 'Compare side by side' })
        await waitUntil('the comparison table', async () => {
          const heads = (await page.texts('table th')).join(' ')
          return heads.includes('Aurora') && heads.includes('Cedro')
        })

        await page.click('button', { text: 'Request information' })
        await waitUntil('the request frame', async () => (await page.texts('iframe.rf')).length > 0)
        await page.enterFrame('iframe.rf')
        await waitUntil('the form', async () => (await page.texts('form')).length > 0)
        await page.type('#f-parentName', 'Sample Parent')
        await page.type('#f-email', 'parent@example.com')
        await page.choose('#f-country', 'Mexico')
        await page.type('#f-childAgeYears', '9')
        // Every pre-screen question "Not sure", every consent given.
        const answers = await page.texts('input[type="radio"][value="not-sure"]')
        for (const index of answers.keys()) {
          await page.click('input[type="radio"][value="not-sure"]', { index })
        }
        const consents = await page.texts('form input[type="checkbox"]')
        for (const index of consents.keys()) {
          await page.click('form input[type="checkbox"]', { index })
        }
        await page.click('button[type="submit"]')
        const id = await requestId(page)
        await page.leaveFrame()

        const after = await world.leads.waitFor(id)
        expect(after.filter((x) => !before.includes(x))).toEqual([id])
      })
    },
  )
}
