import type { MiddlewareHandler } from 'hono'
import type { INQUIRY_LANGUAGES } from '../../shared/limits.ts'
import type { AppEnv } from '../types.ts'
import { embedHeaders, embedPage, escapeHtml } from './page.ts'

type Lang = (typeof INQUIRY_LANGUAGES)[number]

const TEXT: Record<Lang, { title: string; body: string }> = {
  en: {
    title: 'Open the partner’s site',
    body: 'This page only works inside the site that showed you the clinic comparison. Go back to that site and open the comparison there.',
  },
  es: {
    title: 'Abra el sitio del socio',
    body: 'Esta página solo funciona dentro del sitio que le mostró la comparación de clínicas. Vuelva a ese sitio y abra la comparación allí.',
  },
}

/**
 * The frame pages work only as frames: a top-level visit (`Sec-Fetch-Dest`
 * other than `iframe`, a link opened as a tab, a page of the attacker's own
 * that navigates here) gets a short page that says where to go, and no form.
 * Every browser we support sends the header; a client that sends none is
 * treated as top-level.
 */
export function framedOnly(toLang: (value: string | undefined) => Lang): MiddlewareHandler<AppEnv> {
  return async function framedOnly(c, next) {
    if (c.req.header('Sec-Fetch-Dest') === 'iframe') return next()
    const t = TEXT[toLang(c.req.query('lang'))]
    const html = embedPage({
      lang: toLang(c.req.query('lang')),
      title: t.title,
      body: `<main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p></main>`,
      scripts: [],
    })
    return c.html(html, 403, { ...embedHeaders([]), Vary: 'Sec-Fetch-Dest' })
  }
}
