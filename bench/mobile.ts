/// <reference lib="dom" />
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { launchChromium } from '../scripts/lib/chromium.ts'
import {
  type PartnerSite,
  partnerPage,
  RESERVE_RULE,
  startPartnerSite,
  strictCsp,
} from '../scripts/lib/partner-site.ts'

/**
 * A mid-range phone as Lighthouse's mobile profile has it: "slow 4G" as
 * DevTools throttling applies it (request latency 562.5 ms, 1.47 Mbit/s down,
 * 675 kbit/s up) and the CPU slowed 4x, at 375 px.
 */
export const MOBILE_PROFILE = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  latencyMs: 562.5,
  downloadKbps: 1474.56,
  uploadKbps: 675,
  cpuSlowdown: 4,
} as const

/** Budgets from ../shared/DESIGN.md ("Budgets"). */
export const MOBILE_BUDGETS = {
  listPaintMs: 2_500,
  cls: 0.1,
  tbtMs: 200,
  roundTripsAfterHtml: 2,
} as const

export interface MobileRequest {
  url: string
  /** From the start of the page's HTML request, ms. */
  startMs: number
  endMs: number
  /** Requests in sequence before this one, the page's HTML being 0. */
  roundTrip: number
}

export interface MobileResult {
  /** When the clinic list was on screen (the frame after the widget announced `ready`). */
  listPaintMs: number
  lcpMs: number
  /** The largest paint is an element of the widget's list (in its shadow root). */
  lcpIsList: boolean
  lcpElement: string
  cls: number
  tbtMs: number
  longTasks: number
  /** The most sequential round trips a request the list needs waited for, after the HTML. */
  roundTripsAfterHtml: number
  /** How far the partner's paragraph right below the widget moved, CSS px, from first paint on. */
  textBelowMovedPx: number
  /** The widget's height once the list is shown. */
  widgetHeightPx: number
  requests: MobileRequest[]
}

/** What the list cannot render without: the loader, the module, a language, the clinics. */
const LIST_NEEDS = [/\/widget\.js$/, /\/main\.js$/, /\/(en|es)\.js$/, /\/v1\/clinics$/]

/**
 * An article as a parent blog writes it: an introduction, the widget, and its
 * text going on below, under the strict CSP of a careful partner.
 */
function articlePage(workerUrl: string, lang: string): string {
  const paragraph = (n: number) =>
    `<p id="p${n}">Families who consider a treatment abroad often ask the same questions: which licences a clinic holds, who checked them and when, and what a certificate of analysis says. This fictional article goes on with paragraph ${n}, to give the page the length of a real one.</p>`
  return partnerPage(
    'Comparing clinics before you travel',
    `<p>Below are the clinics our readers asked about, with the facts each one published and when they were last checked.</p>
<script src="${workerUrl}/widget.js" async></script>
<clinic-compare partner="demo" lang="${lang}"></clinic-compare>
<p id="below">The text right below the widget: it must not move while the list arrives.</p>
${[1, 2, 3, 4, 5].map(paragraph).join('\n')}`,
    '<link rel="stylesheet" href="/site.css">',
  )
}

type PageFigures = Omit<MobileResult, 'roundTripsAfterHtml' | 'requests'>

/**
 * Installed before the page's own scripts (an init script is the browser's,
 * so the page's CSP allows it): Chromium's PerformanceObserver entries and
 * where the paragraph below the widget sits at every frame.
 */
function observe(): void {
  const w = window as unknown as { __ccMobile: Record<string, unknown[]> }
  const store: Record<string, unknown[]> = {
    lcp: [],
    shift: [],
    long: [],
    below: [],
    listPaint: [],
  }
  w.__ccMobile = store
  const add = (type: string, key: string) =>
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (store[key] as PerformanceEntry[]).push(entry)
    }).observe({ type, buffered: true })
  add('largest-contentful-paint', 'lcp')
  add('layout-shift', 'shift')
  add('longtask', 'long')
  // The list is in the DOM when `ready` is announced; the frame after next has painted it.
  document.addEventListener('clinic-compare:ready', () =>
    requestAnimationFrame(() => setTimeout(() => store.listPaint?.push(performance.now()))),
  )
  const frame = () => {
    const below = document.getElementById('below')
    if (below) store.below?.push(below.getBoundingClientRect().top + window.scrollY)
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
}

/** Reads the figures back: CLS as web-vitals counts it (the worst session window). */
function figures(): PageFigures {
  const store = (window as unknown as { __ccMobile: Record<string, unknown[]> }).__ccMobile
  type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean }
  type Lcp = PerformanceEntry & { element: Element | null }
  const shifts = (store.shift as Shift[]).filter((s) => !s.hadRecentInput)
  let cls = 0
  let session = 0
  let first = 0
  let last = 0
  for (const s of shifts) {
    if (session && s.startTime - last < 1000 && s.startTime - first < 5000) session += s.value
    else {
      session = s.value
      first = s.startTime
    }
    last = s.startTime
    cls = Math.max(cls, session)
  }
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0
  const long = (store.long as PerformanceEntry[]).filter((t) => t.startTime + t.duration > fcp)
  const tbtMs = long.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0)
  const lcp = (store.lcp as Lcp[]).at(-1)
  const host = document.querySelector('clinic-compare')
  const el = lcp?.element ?? null
  const lcpIsList = Boolean(
    el && host?.shadowRoot?.contains(el) && el.closest('.card, ul, ol, [role="list"]'),
  )
  const describe = (e: Element | null) =>
    e
      ? `${e.getRootNode() === document ? 'page' : 'widget'} ${e.tagName.toLowerCase()}${e.className ? `.${e.className}` : ''}`
      : 'none'
  const below = store.below as number[]
  const tops = below.filter((y) => y > 0)
  return {
    listPaintMs: (store.listPaint as number[])[0] ?? Number.NaN,
    lcpMs: lcp?.startTime ?? Number.NaN,
    lcpIsList,
    lcpElement: describe(el),
    cls,
    tbtMs,
    longTasks: long.length,
    textBelowMovedPx: tops.length ? Math.max(...tops) - Math.min(...tops) : 0,
    widgetHeightPx: Math.round(host?.getBoundingClientRect().height ?? 0),
  }
}

/** Round trips in sequence: a request waited for every request that had finished before it started. */
export function roundTrips(
  requests: { url: string; start: number; end: number }[],
  htmlUrl: string,
): MobileRequest[] {
  const html = requests.find((r) => r.url === htmlUrl)
  if (!html) throw new Error(`no request for ${htmlUrl}`)
  const sorted = [...requests].sort((a, b) => a.start - b.start)
  const depth = new Map<(typeof requests)[number], number>([[html, 0]])
  for (const r of sorted) {
    if (r === html) continue
    const before = sorted.filter((q) => q !== r && depth.has(q) && q.end <= r.start)
    depth.set(r, 1 + Math.max(0, ...before.map((q) => depth.get(q) ?? 0)))
  }
  return sorted.map((r) => ({
    url: r.url,
    startMs: Math.round((r.start - html.start) * 1000),
    endMs: Math.round((r.end - html.start) * 1000),
    roundTrip: depth.get(r) ?? 0,
  }))
}

/** Slow 4G and a 4x slower CPU on the page, as MOBILE_PROFILE says (bench/form-frame.ts too). */
export async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: MOBILE_PROFILE.latencyMs,
    downloadThroughput: (MOBILE_PROFILE.downloadKbps * 1024) / 8,
    uploadThroughput: (MOBILE_PROFILE.uploadKbps * 1024) / 8,
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_PROFILE.cpuSlowdown })
  return cdp
}

/** A fresh browser context with the phone's screen and touch. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: MOBILE_PROFILE.viewport,
    deviceScaleFactor: MOBILE_PROFILE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  })
}

/** One cold load of the article page on the phone profile. */
async function loadOnce(browser: Browser, site: PartnerSite, lang: string): Promise<MobileResult> {
  const context = await phoneContext(browser)
  try {
    const page = await context.newPage()
    await page.addInitScript(observe)
    const cdp = await throttle(page)
    const byId = new Map<string, { url: string; start: number; end: number }>()
    cdp.on('Network.requestWillBeSent', (e) => {
      byId.set(e.requestId, {
        url: e.request.url,
        start: e.timestamp,
        end: Number.POSITIVE_INFINITY,
      })
    })
    cdp.on('Network.loadingFinished', (e) => {
      const r = byId.get(e.requestId)
      if (r) r.end = e.timestamp
    })
    const url = site.url(`/article-${lang}`)
    await page.goto(url, { waitUntil: 'load' })
    await page
      .locator('clinic-compare .card')
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
    // Whatever the list set off (the comparison chunk is not asked for until a tick) settles.
    await page.waitForTimeout(3_000)
    const f = await page.evaluate(figures)
    const requests = roundTrips([...byId.values()], url)
    const needed = requests.filter((r) => LIST_NEEDS.some((re) => re.test(new URL(r.url).pathname)))
    return {
      ...f,
      listPaintMs: Math.round(f.listPaintMs),
      lcpMs: Math.round(f.lcpMs),
      cls: Number(f.cls.toFixed(4)),
      tbtMs: Math.round(f.tbtMs),
      roundTripsAfterHtml: Math.max(0, ...needed.map((r) => r.roundTrip)),
      requests,
    }
  } finally {
    await context.close()
  }
}

/**
 * The phone figures of DESIGN.md's budgets, median of `runs` cold loads in
 * each language, from Chromium's PerformanceObserver entries (LCP,
 * layout-shift, longtask) and its DevTools-protocol network events.
 */
export async function measureMobile(
  workerUrl: string,
  runs = 3,
): Promise<{ result: MobileResult; runs: MobileResult[] }> {
  const workerOrigin = new URL(workerUrl).origin
  const site = await startPartnerSite({ 'Content-Security-Policy': strictCsp(workerOrigin) })
  for (const lang of ['en', 'es']) site.page(`/article-${lang}`, articlePage(workerOrigin, lang))
  site.page(
    '/site.css',
    `body { margin: 0 1rem; font: 18px/1.6 Georgia, serif }\n${RESERVE_RULE}\n`,
    {
      'Content-Type': 'text/css',
    },
  )
  const browser = await launchChromium()
  try {
    const all: MobileResult[] = []
    for (let i = 0; i < runs; i++) {
      for (const lang of ['en', 'es']) all.push(await loadOnce(browser, site, lang))
    }
    const med = (pick: (r: MobileResult) => number) => {
      const values = all.map(pick).sort((a, b) => a - b)
      return values[Math.floor(values.length / 2)] ?? Number.NaN
    }
    const lcpMs = med((r) => r.lcpMs)
    const typical = all.find((r) => r.lcpMs === lcpMs) ?? all[0]
    if (!typical) throw new Error('no mobile run')
    const result: MobileResult = {
      ...typical,
      listPaintMs: med((r) => r.listPaintMs),
      lcpMs,
      // A run where the list was not the largest paint fails the whole measure.
      lcpIsList: all.every((r) => r.lcpIsList),
      cls: med((r) => r.cls),
      tbtMs: med((r) => r.tbtMs),
      roundTripsAfterHtml: Math.max(...all.map((r) => r.roundTripsAfterHtml)),
      textBelowMovedPx: Math.max(...all.map((r) => r.textBelowMovedPx)),
    }
    return { result, runs: all }
  } finally {
    await browser.close()
    await site.stop()
  }
}
