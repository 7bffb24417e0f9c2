import type { Browser } from 'playwright-core'
import { type DevServer, freePort, startDevServer } from '../../../../scripts/lib/dev-server.ts'
import { serverOrigins } from '../../../../scripts/lib/local-state.ts'
import {
  type PartnerSite,
  partnerPage,
  startPartnerSite,
  strictCsp,
} from '../../../../scripts/lib/partner-site.ts'
import { launchChromium } from './browser.ts'
import { type LeadWatch, watchLeads } from './leads.ts'

/**
 * What every partner-page browser test stands on: a Worker (`npm start`), the
 * partner's sites on their own origins, and the leads as a coordinator sees
 * them; `startPartnerFixture` adds Debian's Chromium.
 */
export interface PartnerWorld {
  server: DevServer
  leads: LeadWatch
  /** The partner's site number `index` (0: the first, which `allow` names). */
  site: (index?: number) => PartnerSite
  stop: () => Promise<void>
}

export interface PartnerFixture extends PartnerWorld {
  browser: Browser
}

export interface WorldOptions {
  /** How many partner sites, each on its own origin (default 1). */
  sites?: number
  /**
   * Origins the demo partners allow besides the server's own: `first` (the
   * default with a site) adds the first site's, `only-first` makes it the
   * only one, `none` adds nothing.
   */
  allow?: 'first' | 'only-first' | 'none'
  /** Worker vars; the catalog is re-read every second unless said otherwise. */
  vars?: Record<string, string>
  /** Environment for `npm start`, e.g. Turnstile test keys. */
  env?: Record<string, string>
}

/**
 * The partner's sites (each an HTTP server in this process, up in
 * milliseconds), then the Worker, seeded with the origins the demo partners
 * allow: no publish after the start, which costs seconds on a busy machine.
 */
export async function startPartnerWorld(options: WorldOptions = {}): Promise<PartnerWorld> {
  const siteCount = options.sites ?? 1
  const allow = options.allow ?? (siteCount > 0 ? 'first' : 'none')
  const sites = await Promise.all(Array.from({ length: siteCount }, () => startPartnerSite()))
  const [first] = sites
  const port = await freePort()
  const partnerOrigins =
    first && allow !== 'none'
      ? [...(allow === 'only-first' ? [] : serverOrigins(port)), first.origin]
      : undefined
  let server: DevServer
  try {
    server = await startDevServer({
      port,
      partnerOrigins,
      ...(options.env ? { env: options.env } : {}),
      vars: { CATALOG_REFRESH_SECONDS: '1', ...options.vars },
    })
  } catch (error) {
    await Promise.all(sites.map((s) => s.stop()))
    throw error
  }
  return {
    server,
    leads: watchLeads(server),
    site: (index = 0) => {
      const site = sites[index]
      if (!site) throw new Error(`the fixture started ${sites.length} partner sites`)
      return site
    },
    stop: async () => {
      await Promise.all([server.stop(), ...sites.map((s) => s.stop())])
    },
  }
}

/** The world and Chromium, started at once. */
export async function startPartnerFixture(options: WorldOptions = {}): Promise<PartnerFixture> {
  const [world, browser] = await Promise.all([startPartnerWorld(options), launchChromium()])
  return {
    ...world,
    browser,
    stop: async () => {
      await browser.close()
      await world.stop()
    },
  }
}

/**
 * The partner's article at `/article`: the embed snippet under the strict CSP
 * a careful partner runs, on a page that isolates itself (it still loads the
 * widget: Cross-Origin-Resource-Policy). Returns the snippet's script tag.
 */
export function addArticle(site: PartnerSite, server: DevServer): string {
  const script = `<script src="${server.url}/widget.js" async></script>`
  site.page(
    '/article',
    partnerPage(
      'Comparing MSC clinics',
      `<p>Our notes on clinics in Mexico.</p>
<clinic-compare partner="demo" lang="en"></clinic-compare>`,
      script,
    ),
    {
      'Content-Security-Policy': strictCsp(server.url),
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  )
  return script
}
