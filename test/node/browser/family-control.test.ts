/// <reference lib="dom" />
import { mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { type PartnerSite, partnerPage, strictCsp } from '../../../scripts/lib/partner-site.ts'
import { runScript } from '../../../scripts/lib/run-script.ts'
import { standinFrameHeaders } from '../../../scripts/lib/turnstile-token.ts'
import { ROOT } from '../../../scripts/lib/wrangler.ts'
import { inquiryExample } from '../../../shared/openapi/examples.ts'
import { en } from '../../../widget/src/element/i18n/en.ts'
import { es } from '../../../widget/src/element/i18n/es.ts'
import { myRequestStrings } from '../../../widget/src/my-request/strings.ts'
import { formStrings } from '../../../widget/src/request/form/strings.ts'
import { queryLeadsDb } from '../helpers/d1.ts'
import { axeViolations } from './helpers/axe.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import { compareClinics, requestFrame, widget } from './helpers/page.ts'

const missing = browserMissing()
/** Where the walk's screenshots go, to be looked at (test-results/ is not committed). */
const SHOTS = join(ROOT, 'test-results', 'family-control')

let fixture: PartnerFixture
let server: DevServer
let browser: Browser
let blog: PartnerSite
let token: string
let dir: string

const UI = { en, es }

function leads(args: string[]) {
  return runScript('leads.ts', args, { CLINIC_COMPARE_URL: server.url, COORDINATOR_TOKEN: token })
}

/** The family's view, as its page reads it (a test's own poll, spaced under the receipt limit). */
async function view(secret: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/v1/my-request`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ receipt: secret }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function waitStored(secret: string): Promise<void> {
  for (let i = 0; i < 25; i++) {
    if ((await view(secret)).body.status === 'stored') return
    await new Promise((r) => setTimeout(r, 1_000))
  }
  throw new Error(`the request was not stored; the server said:\n${server.output().slice(-2000)}`)
}

const idsIn = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id)

/** A browser request's headers that a client may set again (not the browser's own). */
function replayable(headers: Record<string, string>): Record<string, string> {
  const browsers =
    /^(host|connection|content-length|cookie|user-agent|referer|accept-encoding|sec-.*|:.*)$/i
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !browsers.test(name)))
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

describe.skipIf(missing)(
  missing ? `browser tests skipped: ${missing}` : 'the family keeps control of its request',
  () => {
    beforeAll(async () => {
      // Only the blog: the Worker's own origin, where the frame sends from, is not listed.
      fixture = await startPartnerFixture({ allow: 'only-first' })
      ;({ server, browser } = fixture)
      blog = fixture.site()
      token = (await server.devVars()).COORDINATOR_TOKENS?.split(',')[0] ?? ''
      dir = await mkdtemp(join(tmpdir(), 'cc-family-'))
      await mkdir(SHOTS, { recursive: true })
      for (const lang of ['en', 'es'] as const) {
        blog.page(
          `/${lang}`,
          partnerPage(
            'Choosing a clinic',
            `<p>Our notes.</p><clinic-compare partner="demo" lang="${lang}"></clinic-compare>`,
            `<script src="${server.url}/widget.js" async></script>`,
          ),
          { 'Content-Security-Policy': strictCsp(server.url) },
        )
      }
    })
    afterAll(() => fixture?.stop())

    it('forgets, from the CLI, every request sent with an address a family wrote from, and it leaves the file', async () => {
      const out = join(dir, 'by-email.csv')
      const sent = await fetch(`${server.url}/v1/inquiries`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...standinFrameHeaders(server.url, 'demo') },
        body: JSON.stringify({ ...inquiryExample, email: 'Writes.Later@Example.com' }),
      })
      const { id, receipt } = (await sent.json()) as { id: string; receipt: string }
      await waitStored(new URL(receipt).hash.slice(1))
      expect((await leads(['pull', '--ack', '--format', 'csv', '--out', out])).code).toBe(0)
      expect(await readFile(out, 'utf8')).toContain(id)
      const forgot = await leads(['forget', '--email', ' writes.later@example.COM'])
      expect(forgot.code, forgot.stderr).toBe(0)
      expect(forgot.stdout).toContain(id)
      const again = await leads(['pull', '--format', 'csv', '--out', out])
      expect(again.stderr).toContain(`1 lead(s) removed from ${out}`)
      expect(await readFile(out, 'utf8')).not.toContain(id)
      const rights = await leads(['rights', '--format', 'json'])
      expect(JSON.parse(rights.stdout).requests[0]).toMatchObject({
        inquiryId: id,
        kind: 'deletion',
        via: expect.stringMatching(/^coordinator:token-[0-9a-f]{8}$/),
        complete: true,
      })
    })

    it.each(['en', 'es'] as const)(
      'at 375 px in %s: send, keep the link, see it, see its delivery, delete it, and it leaves the coordinator’s file',
      async (lang) => {
        const t = formStrings(lang)
        const r = myRequestStrings(lang)
        const context = await browser.newContext({ viewport: { width: 375, height: 740 } })
        const page = await context.newPage()
        const problems = await watchProblems(page)
        const posted: Request[] = []
        page.on('request', (request) => {
          if (request.url().endsWith('/v1/inquiries') && request.method() === 'POST')
            posted.push(request)
        })
        await page.goto(blog.url(`/${lang}`))
        await waitForWidget(page, lang)

        // The family sends a request from the partner's page, in the Worker's frame.
        const w = widget(page, lang)
        await compareClinics(page, ['Aurora', 'Cedro'], lang)
        await w.getByRole('button', { name: UI[lang].request }).click()
        const f = requestFrame(w)
        await f.locator('form').waitFor({ timeout: 20_000 })
        await f.getByLabel(t.parentName).fill(lang === 'en' ? 'Sample Parent' : 'Madre de Ejemplo')
        await f.getByRole('textbox', { name: t.email }).fill(`family-${lang}@example.com`)
        await f.getByLabel(t.country).selectOption('MX')
        await f.getByLabel(t.childAge).fill('8')
        for (const group of await f.locator('form fieldset fieldset').all())
          await group.getByLabel(t.answers.no, { exact: true }).check()
        // Both consents start unticked; the family gives only the required one.
        const share = f.getByLabel(t.shareWithClinics)
        expect(await share.isChecked()).toBe(false)
        expect(await f.getByRole('link', { name: /2026-12/ }).getAttribute('href')).toBe(
          `${server.url}/privacy/2026-12/${lang}`,
        )
        const notice = await context.newPage()
        await notice.goto(`${server.url}/privacy/2026-12/${lang}`)
        expect(await axeViolations(notice)).toEqual([])
        expect(
          await notice.evaluate(() => document.documentElement.scrollWidth),
        ).toBeLessThanOrEqual(375)
        await shot(notice, `0-notice-${lang}`)
        await notice.close()
        await f.getByLabel(t.consent).check()
        await share.scrollIntoViewIfNeeded()
        await shot(page, `0-consents-${lang}`)
        await f.getByRole('button', { name: t.send }).click()

        // It keeps the link the frame shows.
        const link = f.getByRole('link', { name: t.receiptName })
        await link.waitFor({ timeout: 20_000 })
        await expect.poll(() => f.locator('.receipt').textContent()).toContain(t.keepLink)
        const receipt = (await link.getAttribute('href')) ?? ''
        expect(receipt).toMatch(new RegExp(`^${server.url}/my-request\\?lang=${lang}#`))
        await link.scrollIntoViewIfNeeded()
        await shot(page, `1-receipt-${lang}`)
        const secret = new URL(receipt).hash.slice(1)
        const id = secret.split('.')[0] ?? ''
        await waitStored(secret)

        // It opens the link in a new tab: its answers, and "not yet delivered".
        const tab = await context.newPage()
        const tabProblems = await watchProblems(tab)
        await tab.goto(receipt)
        await tab.getByText(r.notDelivered).waitFor({ timeout: 20_000 })
        await expect
          .poll(() => tab.locator('dd').allTextContents())
          .toContain(`family-${lang}@example.com`)
        expect(
          await tab.getByText(r.share).locator('xpath=following-sibling::dd[1]').textContent(),
        ).toBe(r.no)
        // The clinics by the names the family compared, not by their ids.
        expect(
          await tab
            .getByText(r.clinics, { exact: true })
            .locator('xpath=following-sibling::dd[1]')
            .textContent(),
        ).toBe('Aurora Cell Clinic (sample), Cedro Stem Cell Center (sample)')
        expect(await axeViolations(tab)).toEqual([])
        expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          375,
        )
        await shot(tab, `2-view-${lang}`)
        const [download] = await Promise.all([
          tab.waitForEvent('download'),
          tab.getByRole('button', { name: r.download }).click(),
        ])
        const saved = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'))
        expect(saved).toMatchObject({ id, inquiry: { email: `family-${lang}@example.com` } })

        // A coordinator pulls it into a file.
        const out = join(dir, `leads-${lang}.jsonl`)
        const pulled = await leads(['pull', '--ack', '--out', out])
        expect(pulled.code, pulled.stderr).toBe(0)
        expect(await idsIn(out)).toContain(id)
        const line = (await readFile(out, 'utf8')).split('\n').find((l) => l.includes(id)) ?? ''
        expect(JSON.parse(line)).toMatchObject({
          sharing: 'do-not-share-with-clinics',
          consent: { noticeVersion: '2026-12', language: lang, shareWithClinics: false },
        })

        // The family's view shows the delivery.
        await tab.reload()
        const delivered = tab.getByText(/token-[0-9a-f]{8}/)
        await delivered.waitFor({ timeout: 20_000 })
        await shot(tab, `3-delivered-${lang}`)

        // The family deletes, with a confirmation, by keyboard.
        await tab.getByRole('button', { name: r.delete }).focus()
        await tab.keyboard.press('Enter')
        await tab.getByRole('button', { name: r.confirmYes }).waitFor()
        await shot(tab, `4-confirm-${lang}`)
        await tab.keyboard.press('Enter')
        await expect
          .poll(() => tab.getByRole('status').textContent(), { timeout: 20_000 })
          .toMatch(lang === 'en' ? /deleted on .* told to delete/ : /se eliminó el .* borren/)
        await shot(tab, `5-deleted-${lang}`)

        // The next pull --out removes the line from the coordinator's file, then acknowledges.
        const again = await leads(['pull', '--out', out])
        expect(again.code, again.stderr).toBe(0)
        expect(again.stderr).toContain(`1 lead(s) removed from ${out}`)
        expect(await idsIn(out)).not.toContain(id)
        const third = await leads(['pull', '--out', out])
        expect(third.stderr).not.toContain('Withdrawn')

        // A re-send of the same request, as the frame sent it (its key and every header it
        // chose: whatever the intake asks of the frame), makes no lead.
        const first = posted[0]
        if (!first) throw new Error('the frame posted no inquiry')
        const resend = await fetch(`${server.url}/v1/inquiries`, {
          method: 'POST',
          headers: replayable(await first.allHeaders()),
          body: first.postData() ?? '',
        })
        expect(resend.status).toBe(202)
        expect(((await resend.json()) as { id: string }).id).toBe(id)
        await new Promise((r) => setTimeout(r, 3_000))
        const rows = await queryLeadsDb<{ n: number }>(
          server.persistDir,
          `SELECT count(*) AS n FROM leads WHERE id = '${id}'`,
        )
        expect(rows[0]?.n).toBe(0)
        expect((await view(secret)).status).toBe(410)

        const rights = await leads(['rights'])
        expect(rights.stdout).toMatch(new RegExp(`deletion +receipt +${id} +1/1 +complete`))
        const none = { cspViolations: [], consoleErrors: [], pageErrors: [] }
        expect([problems, tabProblems]).toEqual([none, none])
        await context.close()
      },
    )
  },
)
