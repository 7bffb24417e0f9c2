import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_CATALOG } from '../../scripts/lib/local-state.ts'
import { runScript } from '../../scripts/lib/run-script.ts'
import { type CatalogFile, checkCatalog } from '../../shared/schemas/catalog.ts'

const digest = (token: string) => createHash('sha256').update(token).digest('hex')

let dir: string
let sample: CatalogFile

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-report-tokens-'))
  sample = JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')) as CatalogFile
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** The sample catalog with report token digests on its two partners. */
function withDigests(demo: unknown[], inactive: unknown[] = []): unknown {
  const copy = structuredClone(sample) as { partners: Record<string, unknown>[] }
  const [first, second] = copy.partners
  if (!first || !second) throw new Error('the sample catalog has two partners')
  first.reportTokenSha256 = demo
  second.reportTokenSha256 = inactive
  return copy
}

function problems(input: unknown): string[] {
  const result = checkCatalog(input)
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)
}

describe('reportTokenSha256 in catalog:check', () => {
  it('accepts SHA-256 hex digests, two while a token rotates', () => {
    expect(problems(withDigests([digest('new-token'), digest('old-token')]))).toEqual([])
  })

  it.each([
    ['a token instead of its digest', ['my-secret-token'], 'partners.0.reportTokenSha256.0'],
    ['an upper-case digest', [digest('t').toUpperCase()], 'partners.0.reportTokenSha256.0'],
    ['a short digest', [digest('t').slice(0, 63)], 'partners.0.reportTokenSha256.0'],
    ['a digest listed twice', [digest('t'), digest('t')], 'partners.0.reportTokenSha256'],
    ['six digests', [1, 2, 3, 4, 5, 6].map((n) => digest(`t${n}`)), 'partners.0.reportTokenSha256'],
  ])('refuses %s', (_, digests, path) => {
    expect(problems(withDigests(digests)).map((p) => p.split(': ')[0])).toEqual([path])
  })

  it('refuses one token given to two partners (each could read the other)', () => {
    const shared = digest('shared-token')
    expect(problems(withDigests([shared], [digest('other'), shared]))).toEqual([
      'partners.1.reportTokenSha256.1: The same report token is also given to partners.0',
    ])
  })

  it('exits 1 from the command with the path of the bad digest', async () => {
    const file = join(dir, 'bad-digest.json')
    await writeFile(file, JSON.stringify(withDigests(['not-a-digest'])))
    const run = await runScript('catalog-check.ts', [file])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('partners.0.reportTokenSha256.0: Use the SHA-256 of the token')
  })
})
