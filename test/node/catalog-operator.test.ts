import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../../scripts/lib/dev-server.ts'
import { SAMPLE_CATALOG } from '../../scripts/lib/local-state.ts'
import { runScript, runWranglerCli } from '../../scripts/lib/run-script.ts'
import type { CatalogFile } from '../../shared/schemas/catalog.ts'

// The operator's round trip against the state `npm start` seeded and serves.
// Each command starts wrangler at least once; on a shared, loaded machine
// that takes seconds, so these tests get minutes, not the default minute.
const SLOW = 240_000
let server: DevServer
let target: string[]

beforeAll(async () => {
  server = await startDevServer({ vars: { CATALOG_REFRESH_SECONDS: '1' } })
  target = ['--local', '--persist-to', server.persistDir]
})
afterAll(() => server?.stop())

function file(name: string): string {
  return join(server.persistDir, name)
}

async function manifestPublishedAt(): Promise<string> {
  const got = await runWranglerCli([
    'kv',
    'key',
    'get',
    'manifest',
    '--binding',
    'CATALOG',
    ...target,
    '--text',
  ])
  expect(got.code, got.stderr).toBe(0)
  return (JSON.parse(got.stdout) as { publishedAt: string }).publishedAt
}

/** Polls the running Worker until `check` holds: it re-reads KV every second. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000
  let value = await read()
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500))
    value = await read()
  }
  return value
}

async function servedClinics(): Promise<{ id: string; name: string; warnings: string[] }[]> {
  const response = await fetch(`${server.url}/v1/clinics`)
  expect(response.status).toBe(200)
  return (
    (await response.json()) as { clinics: { id: string; name: string; warnings: string[] }[] }
  ).clinics
}

describe('the catalog round trip against npm start', () => {
  it(
    'exports a file that catalog:check accepts and that publishes as no change',
    async () => {
      const exported = file('export.json')
      const result = await runScript('catalog-export.ts', [exported, ...target])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain('6 clinics, 12 packages, 2 partners')
      const check = await runScript('catalog-check.ts', [exported])
      expect(check.code, check.stderr).toBe(0)

      const diff = await runScript('catalog-diff.ts', [exported, ...target])
      expect(diff.code, diff.stdout).toBe(0)
      expect(diff.stdout).toContain('0 added, 0 changed, 0 removed')

      const before = await manifestPublishedAt()
      const publish = await runScript('catalog-publish.ts', [
        exported,
        ...target,
        '--operator',
        'op-marta',
      ])
      expect(publish.code, publish.stderr).toBe(0)
      expect(publish.stdout).toContain('Nothing to publish')
      expect(await manifestPublishedAt()).toBe(before)
    },
    SLOW,
  )

  it(
    'shows an edit field by field, publishes it, and the Worker serves it',
    async () => {
      const exported = file('export.json')
      await runScript('catalog-export.ts', [exported, ...target])
      const catalog = JSON.parse(await readFile(exported, 'utf8')) as CatalogFile
      const aurora = catalog.clinics.find((c) => c.id === 'aurora-tijuana')
      const licence = aurora?.licences.regenerativeMedicine
      if (!aurora || !licence) throw new Error('the sample has aurora-tijuana with both licences')
      aurora.name = 'Aurora Renamed (sample)'
      licence.provenance.checkedAt = '2001-02-03'
      catalog.clinics = catalog.clinics.filter((c) => c.id !== 'faro-cancun')
      catalog.packages = catalog.packages.filter((p) => p.clinicId !== 'faro-cancun')
      const edited = file('edited.json')
      await writeFile(edited, JSON.stringify(catalog, null, 2))

      const diff = await runScript('catalog-diff.ts', [edited, ...target])
      expect(diff.code, diff.stderr).toBe(1)
      const lines = diff.stdout.split('\n')
      expect(lines).toContain(
        'clinic aurora-tijuana: name "Aurora Cell Clinic (sample)" -> "Aurora Renamed (sample)"',
      )
      expect(lines).toContain(
        'clinic aurora-tijuana: licences.regenerativeMedicine.provenance.checkedAt "2026-10-02" -> "2001-02-03"',
      )
      expect(lines).toContain('clinic faro-cancun: removed')
      expect(lines).toContain('package faro-iv-usd: removed')
      expect(diff.stdout).toContain('0 added, 1 changed, 3 removed')

      const who = ['--operator', 'op-marta', '--reason', 'Licence re-checked (sample)']
      const dry = await runScript('catalog-publish.ts', [edited, ...target, ...who, '--dry-run'])
      expect(dry.code, dry.stderr).toBe(0)
      expect(dry.stdout).toContain('0 added, 1 changed, 3 removed')
      expect(dry.stdout).toContain('Dry run: nothing was published.')

      // The same differences again: the dry run changed nothing live.
      const publish = await runScript('catalog-publish.ts', [edited, ...target, ...who])
      expect(publish.code, publish.stderr).toBe(0)
      expect(publish.stdout).toContain('0 added, 1 changed, 3 removed')
      expect(publish.stdout).toContain('clinic faro-cancun: removed')
      expect(publish.stdout).toContain('3 stale records removed')
      expect(publish.stdout).toContain('Recorded in the catalog history: 5 changes')

      // The operators' history says who and why; the families' says when and what.
      const history = await runScript('catalog-history.ts', [
        ...target,
        '--clinic',
        'aurora-tijuana',
        '--since',
        '1d',
      ])
      expect(history.code, history.stderr).toBe(0)
      console.log(history.stdout)
      const printed = history.stdout.split('\n')
      expect(printed).toContainEqual(
        expect.stringMatching(/^\S+Z {2}op-marta {2}local {2}"Licence re-checked \(sample\)"$/),
      )
      expect(printed).toContain(
        '  clinic aurora-tijuana: name "Aurora Cell Clinic (sample)" -> "Aurora Renamed (sample)"',
      )
      expect(printed).toContain(
        '  clinic aurora-tijuana: licences.regenerativeMedicine.provenance.checkedAt "2026-10-02" -> "2001-02-03"',
      )
      expect(history.stdout).not.toContain('faro')
      const publicHistory = (await (
        await fetch(`${server.url}/v1/clinics/aurora-tijuana/history`)
      ).json()) as { changeSets: { publishedAt: string; changes: unknown[] }[] }
      expect(publicHistory.changeSets).toHaveLength(1)
      expect(publicHistory.changeSets[0]?.changes).toContainEqual({
        record: 'clinic',
        id: 'aurora-tijuana',
        kind: 'changed',
        field: 'licences.regenerativeMedicine.provenance.checkedAt',
        before: '2026-10-02',
        after: '2001-02-03',
      })

      const clinics = await eventually(servedClinics, (cs) => cs.length === 5)
      expect(clinics.map((c) => c.id)).not.toContain('faro-cancun')
      const served = clinics.find((c) => c.id === 'aurora-tijuana')
      expect(served?.name).toBe('Aurora Renamed (sample)')
      expect(served?.warnings).toContain('stale')
    },
    SLOW,
  )

  it(
    'lists the licences by verification age, the stale one first, and exits 1',
    async () => {
      const result = await runScript('catalog-freshness.ts', [...target, '--as-of', '2026-12-01'])
      expect(result.code, result.stderr).toBe(1)
      const rows = result.stdout.split('\n').filter((l) => /^\d+\s/.test(l))
      expect(rows[0]).toMatch(
        /^9432\s+2001-02-03\s+aurora-tijuana\s+regenerative medicine\s+SAMPLE-MR-0001\s+stale\s+OLDER THAN 180 DAYS$/,
      )
      const verified = rows.map((r) => r.split(/\s+/)[1] ?? '')
      expect(verified).toEqual([...verified].sort())
      expect(rows.filter((r) => r.includes('OLDER THAN 180 DAYS'))).toHaveLength(1)
      expect(result.stdout).toContain('stale: A licence was last verified more than 1 year ago.')

      const lenient = await runScript('catalog-freshness.ts', [
        ...target,
        '--as-of',
        '2026-12-01',
        '--days',
        '10000',
      ])
      expect(lenient.code, lenient.stderr).toBe(0)
    },
    SLOW,
  )
})

describe('a record under the wrong key', () => {
  it(
    "is refused by the Worker, counted in the coordinators' health view and left out of an export",
    async () => {
      const exported = file('export.json')
      await runScript('catalog-export.ts', [exported, ...target])
      const catalog = JSON.parse(await readFile(exported, 'utf8')) as CatalogFile
      const demo = catalog.partners.find((p) => p.id === 'demo')
      const copy = file('demo-copy.json')
      await writeFile(
        copy,
        JSON.stringify({ ...demo, allowedOrigins: ['https://intruder.example'] }),
      )
      // The record keeps id "demo" but is put under another partner's key.
      const put = await runWranglerCli([
        'kv',
        'key',
        'put',
        'partner:demo-inactive',
        '--binding',
        'CATALOG',
        '--path',
        copy,
        ...target,
      ])
      expect(put.code, put.stderr).toBe(0)

      const token = (await server.devVars()).COORDINATOR_TOKENS?.split(',')[0] ?? ''
      const health = await eventually(
        async () =>
          (await (
            await fetch(`${server.url}/v1/health`, {
              headers: { Authorization: `Bearer ${token}` },
            })
          ).json()) as {
            catalog: { invalidRecords: number }
          },
        (h) => h.catalog.invalidRecords === 1,
      )
      expect(health.catalog.invalidRecords).toBe(1)
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'degraded' })
      expect(server.output()).toContain('"key":"partner:demo-inactive"')
      expect(server.output()).not.toContain('intruder.example')

      const intruder = await fetch(`${server.url}/v1/inquiries`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://intruder.example', 'Access-Control-Request-Method': 'POST' },
      })
      expect(intruder.headers.get('Access-Control-Allow-Origin')).toBeNull()

      const again = await runScript('catalog-export.ts', [file('after.json'), ...target])
      expect(again.code).toBe(1)
      expect(again.stderr).toContain(
        'left out partner:demo-inactive: invalid (id (differs from the key))',
      )
      const after = JSON.parse(await readFile(file('after.json'), 'utf8')) as CatalogFile
      expect(after.partners.map((p) => p.id)).toEqual(['demo'])
      expect(after.partners[0]?.allowedOrigins).toEqual(demo?.allowedOrigins)
    },
    SLOW,
  )
})

describe('wrangler kv key put on one clinic', () => {
  it(
    'is served by the running Worker without a restart',
    async () => {
      const city = async () => {
        const response = await fetch(`${server.url}/v1/clinics/brisa-tijuana`)
        expect(response.status).toBe(200)
        return ((await response.json()) as { city: string }).city
      }
      expect(await city()).toBe('Tijuana')
      const sample = JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')) as CatalogFile
      const clinic = sample.clinics.find((c) => c.id === 'brisa-tijuana')
      const edited = file('brisa.json')
      await writeFile(edited, JSON.stringify({ ...clinic, city: 'Ensenada' }))
      const put = await runWranglerCli([
        'kv',
        'key',
        'put',
        'clinic:brisa-tijuana',
        '--binding',
        'CATALOG',
        '--path',
        edited,
        ...target,
      ])
      expect(put.code, put.stderr).toBe(0)
      expect(await eventually(city, (c) => c === 'Ensenada')).toBe('Ensenada')
    },
    SLOW,
  )
})
