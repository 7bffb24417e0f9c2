import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LEAD_FORMATS } from '../../scripts/lib/lead-formats.ts'
import { removeFromFile } from '../../scripts/lib/leads-deletions.ts'
import type { PulledLead } from '../../shared/schemas/leads-api.ts'

const lead = (id: string): PulledLead => ({
  leaseId: `lease-${id}`,
  id,
  receivedAt: '2026-11-20T10:00:00.000Z',
  attempts: 1,
  inquiry: {
    partnerId: 'demo',
    clinicIds: ['aurora-tijuana'],
    parentName: 'Sample Parent',
    // A quoted line break: a CSV record is not a line.
    message: `About ${id}:\r\nline two, "quoted"`,
  },
  flags: [],
  sharing: 'do-not-share-with-clinics',
})

async function fileOf(format: 'jsonl' | 'csv', ids: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'cc-deletions-'))
  const path = join(dir, `leads.${format}`)
  const f = LEAD_FORMATS[format]
  await writeFile(path, f.header + f.encode(ids.map(lead)), { mode: 0o600 })
  return { dir, path, expected: (kept: string[]) => f.header + f.encode(kept.map(lead)) }
}

describe.each(['jsonl', 'csv'] as const)('removing withdrawn leads from a %s file', (format) => {
  it('removes exactly their records, keeps the file private, leaves no temporary file', async () => {
    const { dir, path, expected } = await fileOf(format, ['a-1', 'b-2', 'c-3'])
    expect(await removeFromFile(path, new Set(['b-2', 'z-9']))).toEqual(['b-2'])
    expect(await readFile(path, 'utf8')).toBe(expected(['a-1', 'c-3']))
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual([`leads.${format}`])
  })

  it('leaves the file untouched when none of the ids is in it', async () => {
    const { path } = await fileOf(format, ['a-1'])
    const before = await stat(path)
    expect(await removeFromFile(path, new Set(['z-9']))).toEqual([])
    expect((await stat(path)).ino).toBe(before.ino)
  })
})

it('treats a missing file as holding none of them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cc-deletions-'))
  expect(await removeFromFile(join(dir, 'none.jsonl'), new Set(['a-1']))).toEqual([])
})
