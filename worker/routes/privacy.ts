import { Hono } from 'hono'
import { INQUIRY_LANGUAGES } from '../../shared/limits.ts'
import { noticeText } from '../../shared/privacy/notices.ts'
import {
  NOTICE_VERSIONS,
  type NoticeLanguage,
  type NoticeVersion,
} from '../../shared/privacy/versions.ts'
import { escapeHtml } from '../embed/page.ts'
import { noticeSha256 } from '../family/notice.ts'
import { familyPage, familyPageHeaders } from '../family/page.ts'
import { ApiError } from '../http/api-error.ts'
import type { AppEnv } from '../types.ts'

/** A published notice never changes (a change is a new version), so any cache may keep it. */
const IMMUTABLE = 'public, max-age=86400, immutable'

const FOOTER: Record<NoticeLanguage, (hash: string, txt: string) => string> = {
  en: (hash, txt) =>
    `SHA-256 of this notice’s text: <code>${hash}</code> (<a href="${txt}">the exact text</a>). Your consent record keeps this fingerprint.`,
  es: (hash, txt) =>
    `SHA-256 del texto de este aviso: <code>${hash}</code> (<a href="${txt}">el texto exacto</a>). Su constancia de consentimiento guarda esta huella.`,
}

/** Blank-line blocks: the first is the title, a block's first line its heading when more follow. */
function noticeHtml(text: string): string {
  const [title = '', ...blocks] = text.trim().split(/\n\s*\n/)
  const sections = blocks.map((block) => {
    const [head = '', ...lines] = block.split('\n')
    if (lines.length === 0) return `<p>${escapeHtml(head)}</p>`
    return `<h2>${escapeHtml(head)}</h2>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}`
  })
  return `<h1>${escapeHtml(title)}</h1>\n${sections.join('\n')}`
}

function parse(version: string, lang: string) {
  const [code = '', extension] = lang.split('.')
  const v = NOTICE_VERSIONS.find((known) => known === version)
  const l = INQUIRY_LANGUAGES.find((known) => known === code)
  if (!v || !l || (extension !== undefined && extension !== 'txt')) return undefined
  return { version: v as NoticeVersion, lang: l, text: extension === 'txt' }
}

/**
 * `/privacy/2026-12/es`: the notice the form links, as a page with the
 * SHA-256 of its text; `/privacy/2026-12/es.txt`: that exact text, so
 * anyone can check the hash a consent record keeps (`sha256sum`).
 */
export const privacyRoutes = new Hono<AppEnv>().get('/:version/:lang', async (c) => {
  const found = parse(c.req.param('version'), c.req.param('lang'))
  if (!found) throw new ApiError('not_found', 'No privacy notice of that version and language.')
  const text = noticeText(found.version, found.lang)
  const hash = await noticeSha256(found.version, found.lang)
  if (found.text) {
    return c.body(text, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': IMMUTABLE,
      'Notice-SHA256': hash,
    })
  }
  const txt = `/privacy/${found.version}/${found.lang}.txt`
  const body = `<main class="notice">\n${noticeHtml(text)}\n<p class="muted">${FOOTER[found.lang](hash, escapeHtml(txt))}</p>\n</main>`
  const title = text.split('\n')[0] ?? ''
  return c.html(familyPage({ lang: found.lang, title, body, scripts: [] }), 200, {
    ...familyPageHeaders(IMMUTABLE),
    'Notice-SHA256': hash,
  })
})
