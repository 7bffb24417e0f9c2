/**
 * The pages the Worker serves for partners to frame (`/embed` and
 * `/embed/request`): one strict CSP, whose `frame-ancestors` names only the
 * partner's allowed origins, and one HTML shell.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)

export interface EmbedCspOptions {
  /** The `/embed` page frames `/embed/request` (a page of this same origin). */
  framesSelf?: boolean
  /**
   * The request form's page loads Turnstile's script, which renders its
   * challenge in a frame of the same origin: that origin, and nothing more.
   */
  challengeOrigin?: string
}

/**
 * Only this Worker's own files run in the frame (and Turnstile's, in the
 * request form), and only the given origins may frame it (none when the list
 * is empty). Origins come from the catalog, whose schema allows nothing but
 * scheme, host and port.
 */
function embedCsp(frameAncestors: readonly string[], options: EmbedCspOptions): string {
  const { framesSelf = false, challengeOrigin } = options
  const frameSources = [
    ...(framesSelf ? ["'self'"] : []),
    ...(challengeOrigin ? [challengeOrigin] : []),
  ]
  return [
    "default-src 'none'",
    `script-src 'self'${challengeOrigin ? ` ${challengeOrigin}` : ''}`,
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    ...(frameSources.length > 0 ? [`frame-src ${frameSources.join(' ')}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ')
}

export interface EmbedPageOptions {
  lang: string
  title: string
  /** Trusted markup: callers escape every value they put in it. */
  body: string
  /** Paths of this Worker's scripts, loaded async. */
  scripts: string[]
}

export function embedPage({ lang, title, body, scripts }: EmbedPageOptions): string {
  const tags = scripts.map((src) => `<script src="${escapeHtml(src)}" async></script>`).join('\n')
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${tags}
</head>
<body>
${body}
</body>
</html>
`
}

/** Headers of every embed page; `frame-ancestors` decides who may show it. */
export function embedHeaders(
  frameAncestors: readonly string[],
  options: EmbedCspOptions = {},
): Record<string, string> {
  return {
    'Content-Security-Policy': embedCsp(frameAncestors, options),
    'Content-Type': 'text/html; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // A partner page that isolates itself (Cross-Origin-Embedder-Policy) may
    // frame only documents that opt in to it, and isolate themselves too.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    // Opened as a page of its own, it shares no browsing context group with
    // whatever opened it: no window of another site can reach it.
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Asked for again on every load (a few hundred bytes): a page kept from
    // before a deploy would name a content-hashed script the deploy removed.
    'Cache-Control': 'no-cache',
  }
}
