import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../../scripts/lib/dev-server.ts'
import { runScript, runWranglerCli } from '../../scripts/lib/run-script.ts'

/** A developer's own page, say a local WordPress, that the demo partners should allow. */
const OWN_PAGE = 'http://localhost:9999'

let server: DevServer

beforeAll(async () => {
  server = await startDevServer({ partnerOrigins: [OWN_PAGE] })
})
afterAll(() => server?.stop())

/** Whether the Worker lets a page on `origin` send an inquiry (its CORS preflight). */
async function allows(origin: string): Promise<boolean> {
  const preflight = await fetch(`${server.url}/v1/inquiries`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
  })
  return preflight.headers.get('Access-Control-Allow-Origin') === origin
}

describe('npm start', () => {
  it('serves the sample catalog and the demo page', async () => {
    const response = await fetch(`${server.url}/v1/clinics`)
    const body = (await response.json()) as { clinics: { sample: boolean }[] }
    expect(body.clinics).toHaveLength(6)
    expect(body.clinics.every((c) => c.sample)).toBe(true)
    expect((await fetch(`${server.url}/demo/`)).status).toBe(200)
  })

  it('migrates fresh state in one call that wrangler counts as every migration applied', async () => {
    const list = await runWranglerCli([
      'd1',
      'migrations',
      'list',
      'LEADS',
      '--local',
      '--persist-to',
      server.persistDir,
    ])
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout).toContain('No migrations to apply')
  })

  it('prints no ENOTFOUND stack when offline', () => {
    expect(server.output()).not.toContain('ENOTFOUND')
  })

  it('lets the demo partners allow the origins PARTNER_ORIGINS names instead of its own', async () => {
    expect(await allows(OWN_PAGE)).toBe(true)
    expect(await allows(server.url)).toBe(false)
    expect(server.output()).toContain(`The demo partners allow ${OWN_PAGE}.`)
  })

  it('refuses a PARTNER_ORIGINS entry that is not an origin, before it starts anything', async () => {
    const started = await runScript('start.ts', [], {
      PARTNER_ORIGINS: `${OWN_PAGE} https://blog.example/path`,
      PORT: '1',
    })
    expect(started.code).toBe(2)
    expect(started.stderr).toContain('PARTNER_ORIGINS: https://blog.example/path: Use an origin')
    expect(started.stdout).toBe('')
  })
})
