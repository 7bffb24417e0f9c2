import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../../scripts/lib/dev-server.ts'
import { SAMPLE_CATALOG } from '../../scripts/lib/local-state.ts'
import { runWranglerCli } from '../../scripts/lib/run-script.ts'
import type { CatalogFile } from '../../shared/schemas/catalog.ts'

let server: DevServer

beforeAll(async () => {
  // A short refresh so the test does not wait the default 30 s.
  server = await startDevServer({ vars: { CATALOG_REFRESH_SECONDS: '1' } })
})
afterAll(() => server?.stop())

async function clinicCity(id: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/clinics/${id}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { city: string }).city
}

describe('wrangler kv key put on one clinic', () => {
  it('is served by the running Worker without a restart', async () => {
    expect(await clinicCity('brisa-tijuana')).toBe('Tijuana')
    const sample = JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')) as CatalogFile
    const clinic = sample.clinics.find((c) => c.id === 'brisa-tijuana')
    const file = join(server.persistDir, 'brisa.json')
    await writeFile(file, JSON.stringify({ ...clinic, city: 'Ensenada' }))
    const put = await runWranglerCli([
      'kv',
      'key',
      'put',
      'clinic:brisa-tijuana',
      '--binding',
      'CATALOG',
      '--path',
      file,
      '--local',
      '--persist-to',
      server.persistDir,
    ])
    expect(put.code, put.stderr).toBe(0)

    const deadline = Date.now() + 60_000
    let city = await clinicCity('brisa-tijuana')
    while (city !== 'Ensenada' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500))
      city = await clinicCity('brisa-tijuana')
    }
    expect(city).toBe('Ensenada')
  })
})
