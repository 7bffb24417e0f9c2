import { createServer, type Server } from 'node:http'
import { freePort } from './free-port.ts'

/**
 * A partner's own site: a small static server on another port, so another
 * origin than the Worker's, serving pages under the partner's own headers.
 */
export interface PartnerSite {
  origin: string
  url: (path: string) => string
  /** Adds or replaces a page; `headers` come on top of the site's. */
  page: (path: string, html: string, headers?: Record<string, string>) => void
  stop: () => Promise<void>
}

/**
 * The strict CSP a careful partner runs: nothing inline, no eval, and the
 * Worker named only where the widget needs it (its scripts, its API, its frame).
 */
export function strictCsp(workerOrigin: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${workerOrigin}`,
    "style-src 'self'",
    `connect-src 'self' ${workerOrigin}`,
    `frame-src ${workerOrigin}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ')
}

export async function startPartnerSite(headers: Record<string, string> = {}): Promise<PartnerSite> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>()
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname
    const page = pages.get(path)
    if (!page) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    response
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...headers,
        ...page.headers,
      })
      .end(page.html)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    url: (path) => `${origin}${path}`,
    page: (path, html, extra = {}) => pages.set(path, { html, headers: extra }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The rule docs/partners.md asks partners to add to their stylesheet: the
 * widget's place is held from the page's first paint, before the script runs
 * (the widget holds it on, with the same `--cc-reserve`, until its list is in).
 */
export const RESERVE_RULE =
  'clinic-compare:not(:defined) { display: block; min-height: var(--cc-reserve, 100vh) }'

/** A page as a partner writes it: its own markup around the embed snippet. */
export function partnerPage(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>
<header><p>Sample Parent Blog (fictional)</p><h1>${title}</h1></header>
<main>
${body}
</main>
</body>
</html>
`
}
