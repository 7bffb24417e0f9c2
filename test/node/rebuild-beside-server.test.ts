import { type FSWatcher, watch } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validInquiry } from '../../bench/inquiry-body.ts'
import { PUBLIC_DIR } from '../../scripts/lib/build-widget.ts'
import { type DevServer, startDevServer } from '../../scripts/lib/dev-server.ts'
import { sampleCatalogFor } from '../../scripts/lib/local-state.ts'
import { runScript } from '../../scripts/lib/run-script.ts'
import { standinFrameHeaders } from '../../scripts/lib/turnstile-token.ts'
import { type LeadWatch, watchLeads } from './browser/helpers/leads.ts'

let server: DevServer
let leads: LeadWatch

beforeAll(async () => {
  server = await startDevServer()
  leads = watchLeads(server)
})
afterAll(() => server?.stop())

/** Everything that happens under public/, the folder `wrangler dev` watches to reload. */
function watchPublic(): { events: string[]; watcher: FSWatcher } {
  const events: string[] = []
  const watcher = watch(PUBLIC_DIR, { recursive: true }, (event, name) => {
    events.push(`${event} ${name}`)
  })
  return { events, watcher }
}

describe('a rebuild beside a running server', () => {
  // The local Queue holds a message in memory for up to the consumer's 1 s
  // batch window; a reload of wrangler dev in that window dropped it (202 to
  // the family, no lead). `npm test`, `npm start` and a deploy dry-run all
  // rebuild the widget into public/, beside whatever server already runs.
  it('touches nothing in public/ and the inquiry sent just before it is exactly one lead', async () => {
    const catalog = await sampleCatalogFor(server.port)
    const { events, watcher } = watchPublic()
    try {
      const response = await fetch(`${server.url}/v1/inquiries`, {
        method: 'POST',
        // The request frame's way in, as a family's browser sends.
        headers: {
          'Content-Type': 'application/json',
          ...standinFrameHeaders(server.url, 'demo'),
          'Idempotency-Key': `rebuild-${Date.now()}`,
        },
        body: JSON.stringify(validInquiry(catalog, 1)),
      })
      expect(response.status, await response.clone().text()).toBe(202)
      const { id } = (await response.json()) as { id: string }
      const build = await runScript('build-widget.ts', [])
      expect(build.code, build.stderr).toBe(0)
      // fs.watch reports on the next turns of the event loop.
      await new Promise((r) => setTimeout(r, 200))
      expect(events).toEqual([])
      expect(await leads.waitFor(id)).toEqual([id])
    } finally {
      watcher.close()
    }
  })
})
