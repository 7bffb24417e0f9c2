import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { diffCatalogs, formatDiff, hasDifferences } from '../../scripts/lib/catalog-diff.ts'
import { SAMPLE_CATALOG } from '../../scripts/lib/local-state.ts'
import type { CatalogFile } from '../../shared/schemas/catalog.ts'

const sample = JSON.parse(await readFile(SAMPLE_CATALOG, 'utf8')) as CatalogFile

describe('diffCatalogs', () => {
  it('finds no difference between a catalog and its copy', () => {
    const diff = diffCatalogs(sample, structuredClone(sample))
    expect(hasDifferences(diff)).toBe(false)
    expect(formatDiff(diff)).toEqual([])
  })

  it('names nested fields, whole arrays, added and removed optional fields', () => {
    const next = structuredClone(sample)
    const [a, b] = next.clinics
    if (!a || !b) throw new Error('sample has clinics')
    a.certificateOfAnalysis.minViabilityPercent = 90
    a.languages = ['es']
    delete a.rating
    b.licences.regenerativeMedicine = null
    const lines = formatDiff(diffCatalogs(sample, next))
    expect(lines.slice(0, 2)).toEqual([
      'clinic aurora-tijuana: certificateOfAnalysis.minViabilityPercent 97 -> 90',
      'clinic aurora-tijuana: languages ["es","en"] -> ["es"]',
    ])
    expect(lines[2]).toMatch(
      /^clinic aurora-tijuana: rating \{"value":4\.6,"count":38,.*\} -> \(none\)$/,
    )
    expect(lines).toHaveLength(3)
  })

  it('lists added and removed records by kind, and an order change', () => {
    const next = structuredClone(sample)
    const [demo, inactive] = next.partners
    if (!demo || !inactive) throw new Error('sample has two partners')
    next.partners = [{ ...inactive }, { ...demo, id: 'demo-2' }]
    next.clinics.reverse()
    const lines = formatDiff(diffCatalogs(sample, next))
    expect(lines).toContain('partner demo-2: added')
    expect(lines).toContain('partner demo: removed')
    expect(lines).toContain('clinics: order changes')
    expect(lines).not.toContain('partners: order changes')
  })
})
