import { Hono } from 'hono'
import { INQUIRY_LANGUAGES } from '../../shared/limits.ts'
import { frameScript } from '../embed/frame-scripts.ts'
import { escapeHtml } from '../embed/page.ts'
import { familyPage, familyPageHeaders } from '../family/page.ts'
import type { AppEnv } from '../types.ts'

const TEXT = {
  en: { title: 'Your request', noscript: 'This page needs JavaScript to read your link.' },
  es: { title: 'Su solicitud', noscript: 'Esta página necesita JavaScript para leer su enlace.' },
}

/**
 * `/my-request?lang=es#SECRET`: the family's receipt page. The secret stays
 * in the fragment, which the browser never sends; the page's script
 * (widget/src/my-request/) posts it to `/v1/my-request`. The page itself is
 * the same for everyone, so it holds nothing about anyone.
 */
export const myRequestPageRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const asked = c.req.query('lang')
  const lang = INQUIRY_LANGUAGES.find((l) => asked?.toLowerCase().startsWith(l)) ?? 'en'
  const t = TEXT[lang]
  const body = `<main id="my-request" data-lang="${lang}">\n<h1 tabindex="-1">${escapeHtml(t.title)}</h1>\n<noscript><p>${escapeHtml(t.noscript)}</p></noscript>\n</main>`
  return c.html(
    familyPage({
      lang,
      title: t.title,
      body,
      scripts: [await frameScript(c.env.ASSETS, 'my-request')],
    }),
    200,
    familyPageHeaders('no-store'),
  )
})
