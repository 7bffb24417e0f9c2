import { Hono } from 'hono'
import { INQUIRY_LANGUAGES } from '../../shared/limits.ts'
import { catalogFor, findPartner } from '../catalog/snapshot.ts'
import { frameScript } from '../embed/frame-scripts.ts'
import { framedOnly } from '../embed/framed-only.ts'
import { embedHeaders, embedPage, escapeHtml } from '../embed/page.ts'
import { requestPage } from '../embed/request-page.ts'
import type { AppEnv } from '../types.ts'

type Lang = (typeof INQUIRY_LANGUAGES)[number]

/** Like the widget: anything starting with "es" is Spanish, everything else English. */
const toLang = (value: string | undefined): Lang =>
  INQUIRY_LANGUAGES.find((l) => value?.toLowerCase().startsWith(l)) ?? 'en'

const TITLES: Record<Lang, { page: string; missing: string }> = {
  en: { page: 'Compare clinics', missing: 'This site is not an active clinic-compare partner.' },
  es: { page: 'Comparar clínicas', missing: 'Este sitio no es un socio activo de clinic-compare.' },
}

/**
 * `/embed?partner=ID&lang=es`: the whole widget as a page, for sites that
 * cannot run a script tag (hosted WordPress). Only the partner's allowed
 * origins may frame it; an unknown or inactive partner gets a page no one may
 * frame; no one gets it outside a frame.
 */
export const embedRoutes = new Hono<AppEnv>()
  .use(framedOnly(toLang))
  .get('/', async (c) => {
    const lang = toLang(c.req.query('lang'))
    const catalog = await catalogFor(c)
    const partner = findPartner(catalog, c.req.query('partner') ?? '')
    if (!partner?.active) {
      const body = `<p>${escapeHtml(TITLES[lang].missing)}</p>`
      return c.html(
        embedPage({ lang, title: TITLES[lang].page, body, scripts: [] }),
        404,
        embedHeaders([]),
      )
    }
    const body = `<clinic-compare partner="${escapeHtml(partner.id)}" lang="${lang}"></clinic-compare>`
    return c.html(
      embedPage({
        lang,
        title: `${TITLES[lang].page} · ${partner.name}`,
        body,
        scripts: ['/widget.js', await frameScript(c.env.ASSETS, 'embed-frame')],
      }),
      200,
      embedHeaders(partner.allowedOrigins, { framesSelf: true }),
    )
  })
  /**
   * `/embed/request?partner=ID&clinics=A,B&lang=es&origin=ORIGIN`: the request
   * form, in a frame of this origin, so the partner's page never sees what a
   * family types (worker/embed/request-page.ts says who may frame it). It
   * renders Turnstile from TURNSTILE_SCRIPT_URL's origin, the one other
   * origin its CSP names.
   */
  .get('/request', async (c) => {
    const lang = toLang(c.req.query('lang'))
    const page = requestPage(
      await catalogFor(c),
      {
        partner: c.req.query('partner') ?? '',
        clinics: c.req.query('clinics') ?? '',
        origin: c.req.query('origin') ?? '',
        lang,
      },
      new URL(c.req.url).origin,
      { siteKey: c.env.TURNSTILE_SITE_KEY, scriptUrl: c.env.TURNSTILE_SCRIPT_URL },
    )
    const html = embedPage({
      lang,
      title: page.title,
      body: page.body,
      scripts: page.ok ? [await frameScript(c.env.ASSETS, 'embed-request')] : [],
    })
    return c.html(
      html,
      page.ok ? 200 : page.status,
      embedHeaders(page.frameAncestors, {
        ...(page.ok ? { challengeOrigin: new URL(c.env.TURNSTILE_SCRIPT_URL).origin } : {}),
      }),
    )
  })
