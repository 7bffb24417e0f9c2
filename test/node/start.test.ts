import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../../scripts/lib/dev-server.ts'

let server: DevServer

beforeAll(async () => {
  server = await startDevServer()
})
afterAll(() => server?.stop())

describe('npm start', () => {
  it('serves the sample catalog and the demo page', async () => {
    const response = await fetch(`${server.url}/v1/clinics`)
    const body = (await response.json()) as { clinics: { sample: boolean }[] }
    expect(body.clinics).toHaveLength(6)
    expect(body.clinics.every((c) => c.sample)).toBe(true)
    expect((await fetch(`${server.url}/demo/`)).status).toBe(200)
  })

  it('prints no ENOTFOUND stack when offline', () => {
    expect(server.output()).not.toContain('ENOTFOUND')
  })
})
