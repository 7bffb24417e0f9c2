import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_CATALOG } from '../../scripts/lib/local-state.ts'
import { runScript, runWranglerCli } from '../../scripts/lib/run-script.ts'
import { CATALOG_MAX, type CatalogFile } from '../../shared/schemas/catalog.ts'

let dir: string
let sample: CatalogFile

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-catalog-'))
  sample = JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')) as CatalogFile
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function writeCatalog(name: string, catalog: unknown): Promise<string> {
  const file = join(dir, name)
  await writeFile(file, typeof catalog === 'string' ? catalog : JSON.stringify(catalog))
  return file
}

async function kvKeys(persistTo: string): Promise<string[]> {
  const result = await runWranglerCli([
    'kv',
    'key',
    'list',
    '--binding',
    'CATALOG',
    '--local',
    '--persist-to',
    persistTo,
  ])
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { name: string }[]).map((k) => k.name).sort()
}

async function kvGet(persistTo: string, key: string): Promise<unknown> {
  const result = await runWranglerCli([
    'kv',
    'key',
    'get',
    key,
    '--binding',
    'CATALOG',
    '--local',
    '--persist-to',
    persistTo,
    '--text',
  ])
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

describe('npm run catalog:check', () => {
  it('accepts the sample catalog', async () => {
    const result = await runScript('catalog-check.ts', [SAMPLE_CATALOG])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'valid (6 clinics, 12 packages, 2 partners, 2 operators, 1 exchange rate)',
    )
  })

  it('prints every problem with its path and exits 1', async () => {
    const broken = structuredClone(sample)
    const [first] = broken.clinics
    if (!first) throw new Error('sample has clinics')
    broken.clinics.push(structuredClone(first))
    first.routes = ['oral' as 'iv']
    const [pkg] = broken.packages
    if (!pkg) throw new Error('sample has packages')
    pkg.priceMax = pkg.priceMin - 1
    pkg.clinicId = 'nowhere'
    const file = await writeCatalog('broken.json', broken)
    const result = await runScript('catalog-check.ts', [file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('clinics.0.routes.0: Use "iv" or "intrathecal"')
    expect(result.stderr).toContain('packages.0.priceMax: priceMax must not be below priceMin')
    expect(result.stderr).toContain(`clinics.6: Duplicate clinic id "${first.id}"`)
    expect(result.stderr).toContain('packages.0.clinicId: No clinic with id "nowhere" in this file')
    expect(result.stderr).toMatch(/4 problems/)
  })

  it('refuses a verified fact without provenance, or checked by no listed operator, and says where', async () => {
    const broken = structuredClone(sample) as unknown as {
      clinics: Record<string, Record<string, Record<string, unknown> | null>>[]
      packages: Record<string, unknown>[]
    }
    const [first] = broken.clinics
    const [pkg] = broken.packages
    const licence = first?.licences?.stemCellBank
    const coa = first?.certificateOfAnalysis
    if (!first || !pkg || !licence || !coa) throw new Error('sample has a licensed clinic')
    delete licence.provenance
    delete pkg.provenance
    coa.provenance = { ...Object(coa.provenance), checkedBy: 'op-nobody' }
    const file = await writeCatalog('no-provenance.json', broken)
    const result = await runScript('catalog-check.ts', [file])
    expect(result.code).toBe(1)
    const missing = 'This verified fact has no provenance: add how it was checked (method)'
    expect(result.stderr).toContain(`clinics.0.licences.stemCellBank.provenance: ${missing}`)
    expect(result.stderr).toContain(`packages.0.provenance: ${missing}`)
    expect(result.stderr).toContain(
      'clinics.0.certificateOfAnalysis.provenance.checkedBy: No operator with id "op-nobody" in this file',
    )
    expect(result.stderr).toMatch(/3 problems/)
  })

  it('explains a file that is not JSON', async () => {
    const file = await writeCatalog('not-json.json', '{"clinics": [')
    const result = await runScript('catalog-check.ts', [file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Not valid JSON')
  })
})

describe('npm run catalog:publish', () => {
  it('writes one key per record and the manifest, then removes records the file dropped', async () => {
    const persistTo = join(dir, 'state-publish')
    const first = await runScript('catalog-publish.ts', [
      SAMPLE_CATALOG,
      '--local',
      '--persist-to',
      persistTo,
      '--operator',
      'op-marta',
    ])
    expect(first.code, first.stderr).toBe(0)
    const keys = await kvKeys(persistTo)
    expect(keys).toContain('manifest')
    expect(keys).toContain('clinic:aurora-tijuana')
    expect(keys).toContain('package:aurora-iv')
    expect(keys).toContain('partner:demo')
    expect(keys).toContain('operator:op-marta')
    expect(keys).toContain('rate:usd-mxn')
    expect(keys).toHaveLength(6 + 12 + 2 + 2 + 1 + 1)

    const smaller = structuredClone(sample)
    smaller.clinics = smaller.clinics.filter((c) => c.id !== 'faro-cancun')
    smaller.packages = smaller.packages.filter((p) => p.clinicId !== 'faro-cancun')
    const second = await runScript('catalog-publish.ts', [
      await writeCatalog('smaller.json', smaller),
      '--local',
      '--persist-to',
      persistTo,
      '--operator',
      'op-luis',
      '--reason',
      'Faro closed (sample)',
    ])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toContain('3 stale records removed')
    const after = await kvKeys(persistTo)
    expect(after.filter((k) => k.includes('faro'))).toEqual([])
    const manifest = (await kvGet(persistTo, 'manifest')) as { clinics: string[] }
    expect(manifest.clinics).not.toContain('faro-cancun')
    expect(manifest.clinics).toHaveLength(5)

    // Each publish appended a change set: who, why, and the records it removed.
    const history = await runScript('catalog-history.ts', [
      '--local',
      '--persist-to',
      persistTo,
      '--clinic',
      'faro-cancun',
      '--since',
      '2000-01-01',
    ])
    expect(history.code, history.stderr).toBe(0)
    const lines = history.stdout.split('\n')
    expect(lines).toContainEqual(
      expect.stringMatching(/^\S+Z {2}op-marta {2}local {2}\(no reason given\)$/),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(/^\S+Z {2}op-luis {2}local {2}"Faro closed \(sample\)"$/),
    )
    expect(lines).toContain('  clinic faro-cancun: removed')
    expect(lines).toContain('  package faro-iv-usd: removed')
    expect(history.stdout).not.toContain('aurora')
    // Two publishes, three reads and the history, each a wrangler process: slow on a loaded machine.
  }, 240_000)

  it('refuses a publish that does not say who, or, to production, why', async () => {
    const nobody = await runScript('catalog-publish.ts', [SAMPLE_CATALOG, '--env', 'production'])
    expect(nobody.code).toBe(2)
    expect(nobody.stderr).toContain('--operator ID')
    const why = await runScript('catalog-publish.ts', [
      SAMPLE_CATALOG,
      '--env',
      'production',
      '--operator',
      'op-marta',
    ])
    expect(why.code).toBe(2)
    expect(why.stderr).toContain('A publish to production says why: --reason TEXT')
    const persistTo = join(dir, 'state-stranger')
    const stranger = await runScript('catalog-publish.ts', [
      SAMPLE_CATALOG,
      '--local',
      '--persist-to',
      persistTo,
      '--operator',
      'op-nobody',
    ])
    expect(stranger.code).toBe(2)
    expect(stranger.stderr).toContain('--operator op-nobody is not in')
    expect(await kvKeys(persistTo)).toEqual([])
  })

  it('publishes nothing from an invalid file', async () => {
    const persistTo = join(dir, 'state-invalid')
    const broken = structuredClone(sample)
    broken.partners = [
      { ...sample.partners[0], allowedOrigins: ['not an origin'] } as CatalogFile['partners'][0],
    ]
    const result = await runScript('catalog-publish.ts', [
      await writeCatalog('invalid.json', broken),
      '--local',
      '--persist-to',
      persistTo,
      '--operator',
      'op-marta',
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('partners.0.allowedOrigins.0')
    expect(result.stderr).toContain('Nothing was published.')
    expect(await kvKeys(persistTo)).toEqual([])
  })
})

describe('catalog:check at the size limit', () => {
  it('refuses more clinics than the Worker is tested to load', async () => {
    const big = structuredClone(sample)
    const [first] = big.clinics
    if (!first) throw new Error('sample has clinics')
    const extra = Array.from({ length: CATALOG_MAX.clinics + 1 - big.clinics.length }, (_, i) => ({
      ...structuredClone(first),
      id: `extra-${i}`,
    }))
    big.clinics.push(...extra)
    const result = await runScript('catalog-check.ts', [await writeCatalog('big.json', big)])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('clinics:')
  })
})

describe('npm run catalog:freshness: the method and the rates', () => {
  it('lists facts on weaker evidence, ratings without a source, old evidence and stale rates', async () => {
    const result = await runScript('catalog-freshness.ts', [
      '--file',
      SAMPLE_CATALOG,
      '--as-of',
      '2026-12-31',
    ])
    // Faro's licences were checked in March 2024: past 180 days.
    expect(result.code).toBe(1)
    const lines = result.stdout.split('\n')
    const row = (...cells: string[]) => new RegExp(`^  ${cells.join('\\s+')}$`)
    expect(lines).toContainEqual(
      expect.stringMatching(
        row(
          '2026-09-15',
          'brisa-tijuana',
          'licences\\.stemCellBank',
          'clinic-provided-copy',
          'weakMethod',
        ),
      ),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        row('2026-09-01', 'faro-cancun', 'rating', 'clinic-provided-copy', 'weakMethod, noSource'),
      ),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        row(
          '2024-03-12',
          'faro-cancun',
          'licences\\.regenerativeMedicine',
          'document-seen',
          'oldEvidence',
        ),
      ),
    )
    // Aurora's rating is read from its named public source: not flagged.
    expect(lines.some((l) => /aurora-tijuana\s+rating/.test(l))).toBe(false)
    expect(result.stdout).toContain('noSource: A rating that names no public source.')
    // Dated 2026-12-04: 27 days old on 2026-12-31.
    expect(lines).toContain('  usd-mxn  2026-12-04  STALE: not used; publish a current rate')
    const fresh = await runScript('catalog-freshness.ts', [
      '--file',
      SAMPLE_CATALOG,
      '--as-of',
      '2026-12-10',
    ])
    expect(fresh.stdout.split('\n')).toContain('  usd-mxn  2026-12-04  fresh')
  })
})

describe('operator commands without a target', () => {
  it.each([
    ['catalog-diff.ts', [SAMPLE_CATALOG]],
    ['catalog-export.ts', ['out.json']],
    ['catalog-publish.ts', [SAMPLE_CATALOG]],
    ['catalog-freshness.ts', []],
  ])('%s says where to look and exits 2', async (script, args) => {
    const result = await runScript(script, args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--local [--persist-to DIR] | --env NAME')
  })

  it('catalog:diff exits 2 on an invalid file, before reading any catalog', async () => {
    const file = await writeCatalog('diff-invalid.json', '{"clinics": 1}')
    const result = await runScript('catalog-diff.ts', [file, '--local', '--persist-to', dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('clinics')
  })
})

describe('npm run catalog:freshness -- --file', () => {
  it('flags a licence older than --days, not one exactly that old', async () => {
    const catalog = structuredClone(sample)
    for (const clinic of catalog.clinics) {
      for (const licence of [clinic.licences.stemCellBank, clinic.licences.regenerativeMedicine]) {
        if (licence) licence.provenance.checkedAt = '2026-01-01'
      }
    }
    const file = await writeCatalog('fresh.json', catalog)
    // 2026-01-01 to 2026-06-30 is 180 days.
    const exact = await runScript('catalog-freshness.ts', ['--file', file, '--as-of', '2026-06-30'])
    expect(exact.code, exact.stdout).toBe(0)
    expect(exact.stdout).toContain('Every licence was verified within 180 days.')
    const later = await runScript('catalog-freshness.ts', ['--file', file, '--as-of', '2026-07-01'])
    expect(later.code).toBe(1)
    expect(later.stdout).toMatch(/^181\s+2026-01-01\s/m)
    expect(later.stdout).toContain('11 licences verified more than 180 days ago')
  })

  it('refuses a --days that is not a positive whole number', async () => {
    const result = await runScript('catalog-freshness.ts', [
      '--file',
      SAMPLE_CATALOG,
      '--days',
      '0',
    ])
    expect(result.code).toBe(2)
  })
})
