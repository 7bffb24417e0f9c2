import { embedPage } from '../embed/page.ts'

/**
 * The family's own pages (the privacy notice, the receipt page): top-level
 * documents of this origin that no other page may frame, run only this
 * Worker's files, send no referrer (a receipt's secret is in the fragment,
 * which browsers never send anyway) and are never cached by shared caches.
 */
export function familyPageHeaders(cache: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cache,
  }
}

export interface FamilyPage {
  lang: string
  title: string
  /** Trusted markup: callers escape every value they put in it. */
  body: string
  scripts: string[]
}

/** The embed pages' shell, with the family pages' stylesheet (a body link: it still blocks what follows). */
export function familyPage({ lang, title, body, scripts }: FamilyPage): string {
  return embedPage({
    lang,
    title,
    body: `<link rel="stylesheet" href="/family.css">\n${body}`,
    scripts,
  })
}
