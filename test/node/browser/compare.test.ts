/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DevServer } from '../../../scripts/lib/dev-server.ts'
import { type PartnerSite, partnerPage, strictCsp } from '../../../scripts/lib/partner-site.ts'
import { ROOT } from '../../../scripts/lib/wrangler.ts'
import { axeViolations } from './helpers/axe.ts'
import { browserMissing, waitForWidget, watchProblems } from './helpers/browser.ts'
import { type PartnerFixture, startPartnerFixture } from './helpers/fixture.ts'
import { compareClinics, widget } from './helpers/page.ts'

const missing = browserMissing()
const THREE = ['Aurora', 'Brisa', 'Cedro']
const THREE_IDS = ['aurora-tijuana', 'brisa-tijuana', 'cedro-cancun']
// Looked at by a person after a run; test-results/ is not committed.
const SHOTS = join(ROOT, 'test-results', 'compare')

let fixture: PartnerFixture
let server: DevServer
let browser: Browser
let context: BrowserContext
let site: PartnerSite

/** Where the comparison's parts sit, measured in the page. */
interface Layout {
  /** From the comparison's heading to the end of its questions. */
  comparisonHeight: number
  widgetHeight: number
  tableDisplay: string
  pageOverflow: number
  /** Elements of the widget that reach past the viewport's edges. */
  wider: string[]
  /** Runs of letters or digits that wrap onto two lines, or stick out of their box. */
  brokenWords: string[]
  /** Computed hyphens / word-break of the cells, deduplicated. */
  wrapping: string[]
  /** A fact's label above (phone) or beside (desktop) its first value. */
  labelAbove: boolean
  labelFullWidth: boolean
}

function layout(w: Locator): Promise<Layout> {
  return w.evaluate((host) => {
    const root = host.shadowRoot as ShadowRoot
    const box = (sel: string) => (root.querySelector(sel) as Element).getBoundingClientRect()
    const hiddenForSight = (el: Element) => el.closest('.vh, th.one') !== null
    const wider: string[] = []
    for (const el of root.querySelectorAll('*')) {
      if (hiddenForSight(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0) continue
      if (r.left < -0.5 || r.right > innerWidth + 0.5) wider.push(`${el.tagName} ${el.className}`)
    }
    const brokenWords: string[] = []
    const cmp = root.querySelector('.cmp') as Element
    const walker = document.createTreeWalker(cmp, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text
      const parent = text.parentElement
      if (!parent || hiddenForSight(parent) || parent.getClientRects().length === 0) continue
      const holder = parent.closest('td, th, li, p, label, button, h2, h3, h4') ?? parent
      const limit = holder.getBoundingClientRect()
      for (const m of text.data.matchAll(/[\p{L}\p{N}]+/gu)) {
        const range = document.createRange()
        range.setStart(text, m.index)
        range.setEnd(text, m.index + m[0].length)
        const rects = [...range.getClientRects()]
        const lines = new Set(rects.map((r) => Math.round(r.top)))
        const out = rects.some((r) => r.right > limit.right + 1 || r.left < limit.left - 1)
        if (lines.size > 1 || out) brokenWords.push(m[0])
      }
    }
    const wrapping = new Set<string>()
    for (const el of root.querySelectorAll('.cmp td, .cmp th')) {
      const s = getComputedStyle(el)
      wrapping.add(`${s.hyphens}/${s.wordBreak}`)
    }
    // The first fact of the treatment group ("Routes offered") has a visible label.
    const row = root.querySelectorAll('tbody')[2]?.querySelector('tr.fact') as Element
    const label = (row.querySelector('th') as Element).getBoundingClientRect()
    const value = (row.querySelector('td') as Element).getBoundingClientRect()
    const table = box('table')
    const h2 = box('h2')
    const end = box('.cmp')
    return {
      comparisonHeight: Math.round(end.bottom - h2.top),
      widgetHeight: Math.round(host.getBoundingClientRect().height),
      tableDisplay: getComputedStyle(root.querySelector('table') as Element).display,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      wider,
      brokenWords,
      wrapping: [...wrapping],
      labelAbove: label.bottom <= value.top + 1,
      labelFullWidth: label.width >= table.width * 0.9,
    }
  })
}

/** A group's "How we checked this" button by its accessible name (the group's name follows, hidden). */
function howName(title: string, group: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${literal(title)}\\s*: ${literal(group)}$`)
}

/** Whether each clinic's name is on screen and on top (not covered) right now. */
function namesInSight(w: Locator): Promise<string[]> {
  return w.evaluate((host) => {
    const root = host.shadowRoot as ShadowRoot
    return [...root.querySelectorAll('tr.names th')].flatMap((th) => {
      const r = th.getBoundingClientRect()
      const x = r.left + r.width / 2
      const y = r.top + Math.min(r.height / 2, 8)
      const onScreen = r.top >= 0 && r.bottom <= innerHeight
      const top = root.elementFromPoint(x, y)
      return onScreen && top && th.contains(top) ? [th.textContent ?? ''] : []
    })
  })
}

describe.skipIf(missing)(missing ? `browser tests skipped: ${missing}` : 'the comparison', () => {
  beforeAll(async () => {
    fixture = await startPartnerFixture()
    ;({ server, browser } = fixture)
    site = fixture.site()
    context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    // A partner's article on its own origin, under its own strict CSP.
    site.page(
      '/article',
      partnerPage(
        'Comparing MSC clinics',
        '<p>Our notes.</p><clinic-compare partner="demo" lang="es"></clinic-compare>',
        `<script src="${server.url}/widget.js" async></script>`,
      ),
      { 'Content-Security-Policy': strictCsp(server.url) },
    )
    await mkdir(SHOTS, { recursive: true })
  })
  afterAll(() => fixture?.stop())

  async function open(width: number, lang: string, hash = ''): Promise<Page> {
    const page = await context.newPage()
    await page.setViewportSize({ width, height: 800 })
    await page.goto(`${server.url}/demo/${hash}`)
    // A share link may open the comparison before the list ever shows.
    if (hash) await widget(page, lang).locator('h2').waitFor()
    else await waitForWidget(page, lang)
    return page
  }

  for (const lang of ['en', 'es']) {
    // 2,000 px, was 1,800: "How we checked this" wraps three Spanish group headings, and
    // Cedro's peso prices show about what they are in dollars, with the rate (docs/widget.md).
    it(`is readable at 375 px in ${lang}: labels above values, whole words, no sideways scroll, within 2,000 px`, async () => {
      const page = await open(375, lang)
      await compareClinics(page, THREE, lang)
      const w = widget(page, lang)
      const before = await layout(w)
      console.log(
        `375 px ${lang}: comparison ${before.comparisonHeight} px, widget ${before.widgetHeight} px`,
      )
      expect(before.comparisonHeight).toBeLessThanOrEqual(2000)
      expect(before.pageOverflow).toBe(0)
      expect(before.wider).toEqual([])
      expect(before.brokenWords).toEqual([])
      expect(before.wrapping).toEqual(['manual/normal'])
      expect(before.tableDisplay).toBe('block')
      expect(before.labelAbove).toBe(true)
      expect(before.labelFullWidth).toBe(true)
      // All groups are open.
      const toggles = w.locator('.gt[aria-expanded]')
      expect(await toggles.evaluateAll((els) => els.map((e) => e.ariaExpanded))).toEqual([
        'true',
        'true',
        'true',
        'true',
        'true',
        'true',
        'false',
        'false',
      ])
      await w.screenshot({ path: join(SHOTS, `compare-375-${lang}.png`) })

      // Halfway down and at the last facts, the three names are still on top.
      for (const group of [2, 5]) {
        await w.locator('tbody').nth(group).locator('tr.fact').last().scrollIntoViewIfNeeded()
        await w
          .locator('tbody')
          .nth(group)
          .evaluate((el) => el.scrollIntoView({ block: 'end' }))
        const names = await namesInSight(w)
        expect(names.map((n) => n.split(' ')[0])).toEqual(THREE)
      }
      await page.close()
    })
  }

  for (const [lang, title, licences, others, kind, method, date, by, weak] of [
    [
      'en',
      'How we checked this',
      'Licences (COFEPRIS)',
      'Other facts',
      'Licencia sanitaria: a permit COFEPRIS granted (procedure COFEPRIS-09-023)',
      'We saw the original document.',
      'Oct 2, 2026',
      'Marta Ortega, verification desk (sample)',
      'Weaker evidence than a document we saw.',
    ],
    [
      'es',
      'Cómo se verificó',
      'Licencias (COFEPRIS)',
      'Otros datos',
      'Licencia sanitaria: un permiso que otorgó COFEPRIS (trámite COFEPRIS-09-023)',
      'Vimos el documento original.',
      '2 oct 2026',
      'Marta Ortega, verification desk (sample)',
      'Evidencia más débil que un documento que vimos.',
    ],
  ] as const) {
    it(`opens "${title}" on a licence at 375 px: kind, method, date, who checked, evidence (${lang})`, async () => {
      const page = await open(375, lang)
      const problems = await watchProblems(page)
      await compareClinics(page, THREE, lang)
      const w = widget(page, lang)
      const button = w.getByRole('button', { name: howName(title, licences) })
      expect(await button.getAttribute('aria-expanded')).toBe('false')
      // A panel beside each licence and the facility of each clinic: Brisa has one licence.
      const ids = (await button.getAttribute('aria-controls'))?.split(' ') ?? []
      expect(ids).toHaveLength(2 + 3 + 3)
      const panel = w.locator(`[id$="h-medLicence-aurora-tijuana"]`)
      expect(ids).toContain(await panel.getAttribute('id'))
      expect(await panel.isVisible()).toBe(false)
      await button.click()
      expect(await button.getAttribute('aria-expanded')).toBe('true')
      expect(await panel.isVisible()).toBe(true)
      // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees
      const text = await panel.innerText()
      for (const part of [kind, method, date, by]) expect(text).toContain(part)
      expect(text).not.toContain(weak)
      // Brisa's bank licence rests on a copy the clinic sent: the panel says it is weaker.
      expect(await w.locator('[id$="h-bankLicence-brisa-tijuana"]').textContent()).toContain(weak)
      // The digest wraps between groups of four hex digits, never inside one.
      expect(text).toMatch(/([0-9a-f]{4}\s){15}[0-9a-f]{4}/)
      const after = await layout(w)
      expect(after.pageOverflow).toBe(0)
      expect(after.wider).toEqual([])
      expect(after.brokenWords).toEqual([])
      await panel.scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(SHOTS, `how-checked-375-${lang}.png`) })

      // A rating says where it was read, and links the evidence when it is public.
      await w.getByRole('button', { name: howName(title, others) }).click()
      const ratingPanel = w.locator(`[id$="h-rating-aurora-tijuana"]`)
      expect(await ratingPanel.textContent()).toContain('Example Reviews (sample)')
      expect(await ratingPanel.getByRole('link').getAttribute('href')).toBe(
        'https://reviews.example.org/aurora-tijuana',
      )
      await button.click()
      expect(await panel.isVisible()).toBe(false)

      // On paper every panel shows, with no button.
      await page.emulateMedia({ media: 'print' })
      const panels = w.locator('.hwp')
      const count = await panels.count()
      expect(count).toBeGreaterThan(12)
      expect(
        await panels.evaluateAll((els) => els.every((e) => e.getClientRects().length > 0)),
      ).toBe(true)
      expect(await w.locator('.hwb:visible').count()).toBe(0)
      await page.screenshot({ path: join(SHOTS, `how-checked-print-${lang}.png`), fullPage: true })
      expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
      await page.close()
    })
  }

  it('names an aviso de funcionamiento as what it is, with its warning and question', async () => {
    const page = await open(1280, 'en')
    await compareClinics(page, ['Aurora', 'Delta'])
    const w = widget(page)
    const delta = w.locator('tr.fact').filter({ hasText: 'Regenerative Medicine Licence' })
    expect(await delta.textContent()).toContain('Only a notice (aviso), not a permit')
    expect(await w.locator('.warns').last().textContent()).toContain(
      'only an aviso de funcionamiento',
    )
    await w.getByRole('button', { name: 'Questions to ask each clinic' }).click()
    expect(await w.locator('.qc').last().textContent()).toContain(
      'Which licencia sanitaria (procedure COFEPRIS-09-023)',
    )
    await page.close()
  })

  it('keeps a true table at desktop width, labels beside values, names in sight', async () => {
    const page = await open(1280, 'en')
    await compareClinics(page, THREE)
    const w = widget(page)
    const desk = await layout(w)
    expect(desk.tableDisplay).toBe('table')
    expect(desk.labelAbove).toBe(false)
    expect(desk.brokenWords).toEqual([])
    expect(desk.pageOverflow).toBe(0)
    expect(await w.locator('table > tbody').count()).toBe(6)
    expect(await w.locator('th[scope="col"]').count()).toBe(3)
    await w.screenshot({ path: join(SHOTS, 'compare-desktop.png') })
    await w
      .locator('tbody')
      .nth(5)
      .evaluate((el) => el.scrollIntoView({ block: 'end' }))
    expect((await namesInSight(w)).map((n) => n.split(' ')[0])).toEqual(THREE)
    await page.close()
  })

  it('collapses and reopens a group of facts', async () => {
    const page = await open(375, 'en')
    await compareClinics(page, THREE)
    const w = widget(page)
    const licences = w.getByRole('button', { name: /^\W*Licences \(COFEPRIS\)$/ })
    const row = w.getByRole('rowheader', { name: 'Stem Cell Bank Licence' })
    await expect(row.isVisible()).resolves.toBe(true)
    await licences.click()
    await expect(licences.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(row.isVisible()).resolves.toBe(false)
    await licences.click()
    await expect(row.isVisible()).resolves.toBe(true)
    await page.close()
  })

  for (const [lang, label, said] of [
    ['en', 'Show only the differences', /^Showing the \d+ facts that differ\. Hidden: \d+ facts? /],
    [
      'es',
      'Mostrar solo las diferencias',
      /^Se muestran los \d+ datos que difieren\. Se ocultan? \d+/,
    ],
  ] as const) {
    it(`shows only the differences and says so to screen readers (${lang})`, async () => {
      const page = await open(375, lang)
      await compareClinics(page, THREE, lang)
      const w = widget(page, lang)
      const status = w.locator('.st')
      // The live region is in the page before it speaks, so its change is announced.
      await expect(status.getAttribute('role')).resolves.toBe('status')
      await expect(status.textContent()).resolves.toBe('')
      await expect(status.evaluate((el) => getComputedStyle(el).display)).resolves.toBe('block')
      const visibleFacts = () => w.locator('tr.fact:visible th').allTextContents()
      const all = await visibleFacts()
      expect(all).toHaveLength(12)
      await w.getByLabel(label).check()
      await expect.poll(() => status.textContent()).toMatch(said)
      const differing = await visibleFacts()
      // The three sample clinics speak the same languages; their cities differ.
      const [languages, city] = lang === 'en' ? ['Languages spoken', 'City'] : ['Idiomas', 'Ciudad']
      expect(all).toContain(languages)
      expect(differing).not.toContain(languages)
      expect(differing).toContain(city)
      expect(differing.length).toBeLessThan(all.length)
      const count = Number((await status.textContent())?.match(/\d+/)?.[0])
      expect(count).toBe(differing.length)
      await w.getByLabel(label).uncheck()
      await expect.poll(() => visibleFacts()).toEqual(all)
      await expect.poll(() => status.textContent()).not.toMatch(said)
      await page.close()
    })
  }

  it('lists questions for each clinic, from its own data, in English and Spanish', async () => {
    const page = await open(1280, 'en')
    await waitForWidget(page, 'es')
    await compareClinics(page, THREE)
    await compareClinics(page, THREE, 'es')
    const questions = async (lang: string, toggle: string) => {
      const w = widget(page, lang)
      await w.getByRole('button', { name: toggle }).click()
      const byClinic: Record<string, string[]> = {}
      for (const [i, name] of THREE.entries()) {
        const section = w.locator('.qb .qc').nth(i)
        expect(await section.locator('h4').textContent()).toContain(name)
        byClinic[name] = await section.locator('li').allTextContents()
      }
      return byClinic
    }
    const en = await questions('en', 'Questions to ask each clinic')
    // Brisa has only a bank licence and does not say a physician makes the plan.
    expect(en.Brisa).toHaveLength(4)
    expect(en.Brisa?.join(' ')).toContain('only a Stem Cell Bank Licence')
    expect(en.Brisa?.join(' ')).toContain('Who makes my child’s plan')
    expect(en.Aurora?.join(' ')).not.toContain('only a Stem Cell Bank Licence')
    // Cedro's licence is in another company's name.
    expect(en.Cedro?.join(' ')).toContain('in the name of another company')
    // Every clinic is asked the checklist.
    for (const list of Object.values(en)) {
      expect(list[0]).toContain('Certificate of Analysis')
      expect(list[1]).toContain('both COFEPRIS licencias sanitarias')
    }
    const es = await questions('es', 'Preguntas para cada clínica')
    expect(es.Brisa?.join(' ')).toContain('solo muestra una Licencia de Banco de Células Madre')
    expect(es.Cedro?.join(' ')).toContain('a nombre de otra empresa')
    for (const text of [...Object.values(en), ...Object.values(es)].flat()) {
      expect(text).toMatch(/\?$/)
      expect(text).not.toMatch(/\b(cure|cura|improve|mejora|success|éxito|guarantee|garantiza)/i)
    }
    await page.close()
  })

  it('prints every fact, warning, question, the context and the date, without controls', async () => {
    const page = await open(1280, 'en')
    const problems = await watchProblems(page)
    await compareClinics(page, THREE)
    const w = widget(page)
    // On screen: a group closed and only the differences shown. Print shows everything.
    await w.getByRole('button', { name: /^\W*Packages and prices$/ }).click()
    await w.getByLabel('Show only the differences').check()
    const screenFacts = await w.locator('tr.fact:visible').count()
    // The page's clock is set, so the printed date is known whatever today is.
    await page.clock.setFixedTime(new Date('2027-10-15T12:00:00Z'))
    // The button prints the page; the browser's print dialog is not the part under test.
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number }
      counted.printed = 0
      window.print = () => {
        counted.printed++
      }
    })
    await w.getByRole('button', { name: 'Print or save as PDF' }).click()
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
      .toBe(1)

    await page.emulateMedia({ media: 'print' })
    await expect(w.locator('.printed').textContent()).resolves.toBe('Printed on October 15, 2027')
    await expect(w.locator('.printed').isVisible()).resolves.toBe(true)
    const printedFacts = await w.locator('tr.fact:visible').count()
    expect(printedFacts).toBe(12)
    expect(printedFacts).toBeGreaterThan(screenFacts)
    // biome-ignore lint/performance/useDomNodeTextContent: only the text print shows counts here
    const text = await w.locator('.cmp').innerText()
    expect(text).toContain('cannot legally treat patients')
    expect(text).toContain('Questions to ask each clinic')
    expect(text).toContain('only a Stem Cell Bank Licence')
    expect(text).toContain('$14,000')
    expect(await w.locator('.ctx').isVisible()).toBe(true)
    expect(await w.locator('.ctx').textContent()).toContain('not a cure')
    // No control shows on paper: titles of groups print as plain headings.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('clinic-compare')].flatMap((host) =>
        [...(host.shadowRoot as ShadowRoot).querySelectorAll('button, input, select, textarea')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => {
            const s = getComputedStyle(el)
            const plain = el.classList.contains('gt') && s.borderTopWidth === '0px'
            return !(plain && s.backgroundColor === 'rgba(0, 0, 0, 0)')
          })
          .map((el) => `${el.tagName} ${el.textContent}`),
      ),
    )
    expect(controls).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'compare-print.png'), fullPage: true })
    await page.pdf({ path: join(SHOTS, 'compare-print.pdf') })
    expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
    await page.close()
  })

  it('shares a link to the partner page that reopens the same comparison', async () => {
    const page = await open(375, 'en')
    await compareClinics(page, ['Cedro', 'Aurora', 'Brisa'])
    const w = widget(page)
    await w.getByRole('button', { name: 'Share' }).click()
    const link = await w.getByLabel('Link to this comparison').inputValue()
    expect(link).toBe(
      `${server.url}/demo/#clinic-compare=cedro-cancun,aurora-tijuana,brisa-tijuana`,
    )
    await expect.poll(() => w.locator('.st').textContent()).toContain('Link copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)
    // The page's own address is left as it was.
    expect(new URL(page.url()).hash).toBe('')
    await page.close()

    // Opening the link shows that comparison, in every instance on the page.
    const opened = await context.newPage()
    await opened.setViewportSize({ width: 375, height: 800 })
    const problems = await watchProblems(opened)
    await opened.goto(link)
    for (const lang of ['en', 'es']) {
      const table = widget(opened, lang).locator('table')
      await table.waitFor()
      const names = await table.locator('th[scope="col"]').allTextContents()
      expect(names.map((n) => n.split(' ')[0])).toEqual(['Cedro', 'Aurora', 'Brisa'])
    }
    expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
    await opened.close()
  })

  it('shares a link to the partner’s own page on another origin, which reopens the comparison', async () => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 375, height: 800 })
    const problems = await watchProblems(page)
    await page.goto(site.url('/article?ref=blog'))
    await waitForWidget(page, 'es')
    await compareClinics(page, ['Brisa', 'Cedro'], 'es')
    const w = widget(page, 'es')
    await w.getByRole('button', { name: 'Compartir' }).click()
    const link = await w.getByLabel('Enlace a esta comparación').inputValue()
    expect(link).toBe(site.url('/article?ref=blog#clinic-compare=brisa-tijuana,cedro-cancun'))
    await expect.poll(() => w.locator('.st').textContent()).toContain('Enlace copiado')

    const opened = await context.newPage()
    await opened.setViewportSize({ width: 375, height: 800 })
    await opened.goto(link)
    const names = widget(opened, 'es').locator('table th[scope="col"]')
    await expect.poll(() => names.count(), { timeout: 20_000 }).toBe(2)
    expect((await names.allTextContents()).map((n) => n.split(' ')[0])).toEqual(['Brisa', 'Cedro'])
    expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] })
    await Promise.all([page.close(), opened.close()])
  })

  it('follows a share link set on a page already open, and ignores unknown clinics', async () => {
    const page = await open(1280, 'en', '#clinic-compare=nope,brisa-tijuana')
    const w = widget(page)
    await w.locator('table').waitFor()
    expect(await w.locator('th[scope="col"]').allTextContents()).toEqual([
      'Brisa Regenerative (sample)',
    ])
    await w.getByRole('button', { name: 'Back to the list' }).click()
    await page.evaluate((ids) => {
      location.hash = `clinic-compare=${ids.join(',')}`
    }, THREE_IDS)
    await expect.poll(() => w.locator('th[scope="col"]').count()).toBe(3)
    await page.close()

    const none = await open(1280, 'en', '#clinic-compare=nope,gone')
    await waitForWidget(none, 'en')
    await expect(widget(none).locator('.card').count()).resolves.toBe(6)
    expect(await widget(none).locator('table').count()).toBe(0)
    await none.close()
  })

  it('has no axe-core violations at 375 px with every part open, in English and Spanish', async () => {
    const axeContext = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 375, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    const page = await axeContext.newPage()
    await page.goto(`${server.url}/demo/`)
    await waitForWidget(page, 'en')
    await waitForWidget(page, 'es')
    const audit = () => axeViolations(page)
    for (const [lang, questions, share, only, changes] of [
      [
        'en',
        'Questions to ask each clinic',
        'Share',
        'Show only the differences',
        'What changed, and when',
      ],
      [
        'es',
        'Preguntas para cada clínica',
        'Compartir',
        'Mostrar solo las diferencias',
        'Qué cambió y cuándo',
      ],
    ] as const) {
      await compareClinics(page, THREE, lang)
      const w = widget(page, lang)
      await w.getByRole('button', { name: questions }).click()
      await w.getByRole('button', { name: changes }).click()
      await w
        .locator('.hs .hc')
        .first()
        .getByText(/recorded|registrados|changed|modificados/)
        .waitFor()
      await w.getByRole('button', { name: share }).click()
      await w.getByLabel(only).check()
      await w.locator('.gt').nth(3).click()
      // Every "How we checked this" panel open.
      for (const how of await w.locator('.hwb').all()) await how.click()
    }
    expect(await audit()).toEqual([])
    await axeContext.close()
  })
})
