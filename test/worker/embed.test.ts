import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { sampleCatalog, seedCatalog } from './helpers/catalog.ts'
import { call } from './helpers/http.ts'

/** As a browser loads a frame: the pages refuse anything else. */
const framed = (path: string, dest = 'iframe') =>
  call(path, { headers: { 'Sec-Fetch-Dest': dest } })

const BLOG = 'https://parents-blog.example'
const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com'

function directives(response: Response): Map<string, string> {
  const csp = response.headers.get('Content-Security-Policy') ?? ''
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/)
      return [name, values.join(' ')]
    }),
  )
}

describe('GET /embed', () => {
  beforeEach(async () => {
    const catalog = sampleCatalog()
    for (const p of catalog.partners) p.allowedOrigins = [BLOG, 'https://www.parents-blog.example']
    catalog.partners.push({
      id: 'hostile',
      name: '</title><script>alert(1)</script>',
      active: true,
      allowedOrigins: [],
      showNeutralContext: true,
    })
    await seedCatalog(catalog)
  })

  it('shows the widget for the partner, frameable only by its allowed origins', async () => {
    const response = await framed('/embed?partner=demo&lang=es')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('text/html')
    const csp = directives(response)
    expect(csp.get('frame-ancestors')).toBe(`${BLOG} https://www.parents-blog.example`)
    expect(csp.get('script-src')).toBe("'self'")
    expect(csp.get('default-src')).toBe("'none'")
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
    const html = await response.text()
    expect(html).toContain('<clinic-compare partner="demo" lang="es"></clinic-compare>')
    expect(html).toContain('<script src="/widget.js" async></script>')
    expect(html).toContain('<html lang="es">')
  })

  it('falls back to English for any other language', async () => {
    const html = await (await framed('/embed?partner=demo&lang=fr')).text()
    expect(html).toContain('lang="en"></clinic-compare>')
  })

  it.each([
    ['an unknown partner', '/embed?partner=nobody'],
    ['an inactive partner', '/embed?partner=demo-inactive'],
    ['no partner', '/embed'],
  ])('answers %s with 404 that no page may frame', async (_, path) => {
    const response = await framed(path)
    expect(response.status).toBe(404)
    expect(directives(response).get('frame-ancestors')).toBe("'none'")
    expect(await response.text()).not.toContain('<clinic-compare')
  })

  it('escapes what the catalog says, and lets no one frame a partner without origins', async () => {
    const response = await framed('/embed?partner=hostile')
    const html = await response.text()
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;')
    expect(directives(response).get('frame-ancestors')).toBe("'none'")
  })
})

describe('GET /embed/request', () => {
  const path = (query: Record<string, string>) =>
    `/embed/request?${new URLSearchParams({ partner: 'demo', clinics: 'aurora-tijuana,cedro-cancun', lang: 'en', origin: BLOG, ...query })}`

  beforeEach(async () => {
    const catalog = sampleCatalog()
    for (const p of catalog.partners) p.allowedOrigins = [BLOG]
    await seedCatalog(catalog)
  })

  it('serves the form page, frameable only by the partner’s origins and the Worker’s own pages', async () => {
    const response = await framed(path({}))
    expect(response.status).toBe(200)
    const csp = directives(response)
    expect(csp.get('frame-ancestors')).toBe(`'self' ${BLOG}`)
    expect(csp.get('default-src')).toBe("'none'")
    // Turnstile: its script and its challenge frame, from its one origin.
    expect(csp.get('script-src')).toBe(`'self' ${TURNSTILE_ORIGIN}`)
    expect(csp.get('frame-src')).toBe(TURNSTILE_ORIGIN)
    expect(csp.get('connect-src')).toBe("'self'")
    // A partner page with Cross-Origin-Embedder-Policy may frame it.
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp')
    expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
    // Never kept past a deploy: it names the current content-hashed script.
    expect(response.headers.get('Cache-Control')).toBe('no-cache')
    const html = await response.text()
    // By a content-hashed name, served immutable: a page never pairs with an older script.
    expect(html).toMatch(/<script src="\/frames\/embed-request-[A-Z0-9]{8}\.js" async><\/script>/)
    expect(html).toContain(`data-turnstile-sitekey="${env.TURNSTILE_SITE_KEY}"`)
    expect(html).toContain(`data-turnstile-script="${env.TURNSTILE_SCRIPT_URL}"`)
    expect(html).toContain('<div slot="challenge" id="cc-challenge"></div>')
    expect(html).toContain(`data-origin="${BLOG}"`)
    expect(html).toContain('data-clinics="[{&quot;id&quot;:&quot;aurora-tijuana&quot;')
  })

  it.each([
    ['an unknown partner', { partner: 'nobody' }, 404, "'none'"],
    ['an inactive partner', { partner: 'demo-inactive' }, 404, `'self' ${BLOG}`],
    [
      'a parent origin the partner does not list',
      { origin: 'https://elsewhere.example' },
      403,
      `'self' ${BLOG}`,
    ],
    ['an unknown clinic', { clinics: 'aurora-tijuana,nowhere' }, 400, `'self' ${BLOG}`],
    ['no clinic', { clinics: '' }, 400, `'self' ${BLOG}`],
    ['a clinic twice', { clinics: 'aurora-tijuana,aurora-tijuana' }, 400, `'self' ${BLOG}`],
  ])('answers %s with a page that says so and no form', async (_, query, status, ancestors) => {
    const response = await framed(path(query))
    expect(response.status).toBe(status)
    expect(directives(response).get('frame-ancestors')).toBe(ancestors)
    const html = await response.text()
    expect(html).not.toContain('cc-request')
    expect(html).not.toContain('<script')
    expect(html).toMatch(/<main><p>[^<]+<\/p><\/main>/)
  })

  it('lets the /embed page frame the form (same origin)', async () => {
    const response = await framed('/embed?partner=demo')
    expect(directives(response).get('frame-src')).toBe("'self'")
  })
})

describe('the frame pages outside a frame', () => {
  beforeEach(async () => {
    const catalog = sampleCatalog()
    for (const p of catalog.partners) p.allowedOrigins = [BLOG]
    await seedCatalog(catalog)
  })

  it.each([
    [
      'opened as a tab',
      '/embed/request?partner=demo&clinics=aurora-tijuana&origin=https%3A%2F%2Fworker.test',
      'document',
    ],
    [
      'opened by another site as a tab',
      `/embed/request?partner=demo&clinics=aurora-tijuana&origin=${encodeURIComponent(BLOG)}`,
      'document',
    ],
    [
      'loaded without Sec-Fetch-Dest',
      '/embed/request?partner=demo&clinics=aurora-tijuana&origin=https%3A%2F%2Fworker.test',
      '',
    ],
    ['the widget page as a tab', '/embed?partner=demo', 'document'],
    ['fetched by a script', '/embed?partner=demo', 'empty'],
  ])(
    '%s: shows a page that says to open the partner’s site, and no form',
    async (_, path, dest) => {
      const response = dest === '' ? await call(path) : await framed(path, dest)
      expect(response.status).toBe(403)
      expect(directives(response).get('frame-ancestors')).toBe("'none'")
      const html = await response.text()
      expect(html).toContain('partner')
      expect(html).not.toContain('cc-request')
      expect(html).not.toContain('<clinic-compare')
      expect(html).not.toContain('<script')
    },
  )

  it('says it in Spanish for lang=es', async () => {
    const html = await (await framed('/embed/request?partner=demo&lang=es', 'document')).text()
    expect(html).toContain('Abra el sitio del socio')
  })
})
