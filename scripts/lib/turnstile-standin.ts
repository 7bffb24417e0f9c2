import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TURNSTILE_TEST_SECRET_KEYS } from '../../shared/turnstile.ts'
import { readStandinToken } from './turnstile-token.ts'

/**
 * A local stand-in for Cloudflare Turnstile, for `npm start` and the tests:
 * there is no route to Cloudflare here. It serves `api.js`, a client that
 * behaves as the documented one does for the documented test site keys
 * (explicit `render` into a container, an iframe of its own origin, `callback`
 * with a token, `error-callback`, `expired-callback` after 300 s, `reset`,
 * `remove`, `getResponse`, the `onload` parameter), and `siteverify`, which
 * answers as documented for the test secret keys: always passes (echoing the
 * hostname, action and cData the widget was rendered with), always fails,
 * already spent. A token verifies once; again only with the same
 * `idempotency_key`, as the real service allows.
 */

/** The client: plain ES2017, served as text. */
const CLIENT = String.raw`(() => {
  'use strict'
  const script = document.currentScript
  const src = new URL(script ? script.src : location.href)
  const origin = src.origin
  const widgets = new Map()
  let next = 0
  const b64url = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const issue = (w) => {
    clearTimeout(w.expiry)
    w.token = ''
    const key = w.params.sitekey || ''
    setTimeout(() => {
      if (!widgets.has(w.id)) return
      if (key.startsWith('2x')) {
        w.frame.src = origin + '/turnstile/v0/challenge?state=failed'
        if (w.params['error-callback']) w.params['error-callback']('600010')
        return
      }
      const claims = { hostname: location.hostname, action: w.params.action || '',
        cdata: w.params.cData || '', sitekey: key, nonce: Math.random().toString(36).slice(2) }
      w.token = 'standin.' + b64url(JSON.stringify(claims))
      w.frame.src = origin + '/turnstile/v0/challenge?state=passed'
      if (w.input) w.input.value = w.token
      if (w.params.callback) w.params.callback(w.token)
      w.expiry = setTimeout(() => {
        w.token = ''
        if (w.params['expired-callback']) w.params['expired-callback']()
        if ((w.params['refresh-expired'] || 'auto') === 'auto') issue(w)
      }, 300000)
    }, 30)
  }
  const find = (id) => (id === undefined ? widgets.values().next().value : widgets.get(id))
  window.turnstile = {
    render(container, params) {
      const el = typeof container === 'string' ? document.querySelector(container) : container
      if (!el) throw new Error('turnstile stand-in: no container')
      const id = 'cf-chl-widget-standin' + ++next
      const frame = document.createElement('iframe')
      frame.title = 'Widget containing a Cloudflare security challenge'
      frame.style.border = '0'
      frame.style.width = '300px'
      frame.style.maxWidth = '100%'
      frame.style.height = '65px'
      frame.src = origin + '/turnstile/v0/challenge?state=working'
      el.appendChild(frame)
      const w = { id, el, frame, params: params || {}, token: '', expiry: 0, input: null }
      if (w.params['response-field'] !== false) {
        w.input = document.createElement('input')
        w.input.type = 'hidden'
        w.input.name = w.params['response-field-name'] || 'cf-turnstile-response'
        el.appendChild(w.input)
      }
      widgets.set(id, w)
      issue(w)
      return id
    },
    reset(id) { const w = find(id); if (w) issue(w) },
    remove(id) {
      const w = find(id)
      if (!w) return
      clearTimeout(w.expiry)
      w.frame.remove()
      if (w.input) w.input.remove()
      widgets.delete(w.id)
    },
    getResponse(id) { const w = find(id); return w ? w.token : undefined },
    isExpired(id) { const w = find(id); return w ? w.token === '' : true },
    ready(callback) { callback() },
  }
  const onload = src.searchParams.get('onload')
  if (onload && typeof window[onload] === 'function') window[onload]()
})()
`

const CHALLENGE_PAGE = (state: string) => `<!doctype html><html><head><meta charset="utf-8">
<style>body{margin:0;font:14px system-ui,sans-serif;display:flex;align-items:center;height:63px;border:1px solid #ccc;padding:0 12px;box-sizing:border-box}</style>
</head><body>${
  state === 'passed'
    ? 'Success! (local Turnstile stand-in)'
    : state === 'failed'
      ? 'Verification failed (local Turnstile stand-in)'
      : 'Verifying… (local Turnstile stand-in)'
}</body></html>`

interface VerifyRequest {
  secret?: string
  response?: string
  idempotency_key?: string
}

async function readBody(request: IncomingMessage): Promise<VerifyRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    return JSON.parse(text) as VerifyRequest
  }
  return Object.fromEntries(new URLSearchParams(text)) as VerifyRequest
}

export interface TurnstileStandin {
  origin: string
  scriptUrl: string
  verifyUrl: string
  /** How many siteverify calls it answered, for tests that a request never reached it. */
  verifications: () => number
  close: () => Promise<void>
}

export async function startTurnstileStandin(port = 0): Promise<TurnstileStandin> {
  // token -> the idempotency key it was first verified with ('' for none)
  const spent = new Map<string, string>()
  let verifications = 0

  const verify = (body: VerifyRequest) => {
    const now = new Date().toISOString()
    const refuse = (code: string) => ({ success: false, 'error-codes': [code] })
    if (body.secret === TURNSTILE_TEST_SECRET_KEYS.alwaysFails)
      return refuse('invalid-input-response')
    if (body.secret === TURNSTILE_TEST_SECRET_KEYS.alreadySpent)
      return refuse('timeout-or-duplicate')
    if (body.secret !== TURNSTILE_TEST_SECRET_KEYS.alwaysPasses)
      return refuse('invalid-input-secret')
    const token = body.response ?? ''
    const claims = readStandinToken(token)
    if (!claims) return refuse('invalid-input-response')
    const key = body.idempotency_key ?? ''
    const first = spent.get(token)
    if (first !== undefined && (first === '' || first !== key))
      return refuse('timeout-or-duplicate')
    spent.set(token, key)
    return {
      success: true,
      challenge_ts: now,
      hostname: claims.hostname,
      action: claims.action,
      cdata: claims.cdata,
      'error-codes': [],
      metadata: { interactive: false },
    }
  }

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://standin')
    if (request.method === 'GET' && url.pathname === '/turnstile/v0/api.js') {
      response.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'no-store',
      })
      response.end(CLIENT)
      return
    }
    if (request.method === 'GET' && url.pathname === '/turnstile/v0/challenge') {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      })
      response.end(CHALLENGE_PAGE(url.searchParams.get('state') ?? ''))
      return
    }
    if (request.method === 'POST' && url.pathname === '/turnstile/v0/siteverify') {
      verifications += 1
      let answer: object
      try {
        answer = verify(await readBody(request))
      } catch {
        answer = { success: false, 'error-codes': ['bad-request'] }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify(answer))
      return
    }
    response.writeHead(404).end()
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  // Never the reason a process stays alive (vitest's config, npm start's parent).
  server.unref()
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    scriptUrl: `${origin}/turnstile/v0/api.js`,
    verifyUrl: `${origin}/turnstile/v0/siteverify`,
    verifications: () => verifications,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
