import { describe, expect, it } from 'vitest'
import type { WarningCode } from '../../../shared/rules/warnings.ts'
import {
  FACT_COUNT,
  FACT_GROUPS,
  licenceHolders,
  sameFacts,
} from '../../../widget/src/element/ui/compare-rows.ts'
import { clinic } from './fixtures.ts'

const none = () => [] as WarningCode[]

describe('the comparison facts', () => {
  it('groups every fact once, in the six groups a parent reads', () => {
    expect(FACT_GROUPS.map((g) => g.id)).toEqual([
      'warnings',
      'licences',
      'treatment',
      'coa',
      'prices',
      'other',
    ])
    const facts = FACT_GROUPS.flatMap((g) => [...g.facts])
    expect(new Set(facts).size).toBe(facts.length)
    expect(facts).toHaveLength(FACT_COUNT)
  })

  it('finds the facts that are the same for every clinic, and only those', () => {
    const a = clinic('a')
    const b = clinic('b', { city: 'Cancún', physicianLedPlan: false })
    const same = sameFacts([a, b], none)
    expect(same.has('city')).toBe(false)
    expect(same.has('physician')).toBe(false)
    // Licence numbers always differ between clinics.
    expect(same.has('medLicence')).toBe(false)
    expect(same.has('bankLicence')).toBe(false)
    for (const fact of ['routes', 'cellSource', 'coa', 'languages', 'rating', 'warnings'] as const)
      expect(same.has(fact)).toBe(true)
  })

  it('does not call lists different for their order, nor objects for their key order', () => {
    const a = clinic('a', { routes: ['iv', 'intrathecal'], languages: ['es', 'en'] })
    const b = clinic('b', {
      routes: ['intrathecal', 'iv'],
      languages: ['en', 'es'],
      certificateOfAnalysis: {
        sterilityTested: true,
        minViabilityPercent: 97,
        provided: true,
        // Checked another way on another day: the same fact all the same.
        provenance: {
          checkedAt: '2026-03-03',
          checkedBy: 'op-other',
          evidenceSha256: 'c'.repeat(64),
          method: 'phone-confirmation',
        },
      },
    })
    const same = sameFacts([a, b], none)
    expect(same.has('routes')).toBe(true)
    expect(same.has('languages')).toBe(true)
    expect(same.has('coa')).toBe(true)
  })

  it('tells warning signs apart by their codes, whatever the order', () => {
    const a = clinic('a')
    const b = clinic('b')
    const warnings = (codes: Record<string, WarningCode[]>) => (c: { id: string }) =>
      codes[c.id] ?? []
    expect(
      sameFacts([a, b], warnings({ a: ['stale', 'noCoa'], b: ['noCoa', 'stale'] })).has('warnings'),
    ).toBe(true)
    expect(sameFacts([a, b], warnings({ a: ['stale'], b: [] })).has('warnings')).toBe(false)
  })

  it('compares nothing for a single clinic: no fact is hidden', () => {
    expect(sameFacts([clinic('a')], none).size).toBe(0)
  })

  it('treats a missing rating and a different price as differences', () => {
    const a = clinic('a')
    const b = clinic('b', { rating: undefined })
    const c = clinic('c')
    const [pkg] = c.packages
    if (!pkg) throw new Error('fixture has a package')
    c.packages = [{ ...pkg, priceMax: 12500 }]
    expect(sameFacts([a, b], none).has('rating')).toBe(false)
    expect(sameFacts([a, c], none).has('prices')).toBe(false)
  })

  it('lists a licence holder and address once when both licences share them', () => {
    expect(licenceHolders(clinic('a'))).toHaveLength(1)
    const split = clinic('b')
    if (!split.licences.stemCellBank) throw new Error('fixture has a bank licence')
    split.licences.stemCellBank = { ...split.licences.stemCellBank, holderName: 'Otra S.A.' }
    expect(licenceHolders(split).map((h) => h.holderName)).toEqual([
      'Clínica Uno Ficticia S.A.',
      'Otra S.A.',
    ])
    expect(
      licenceHolders(clinic('c', { licences: { stemCellBank: null, regenerativeMedicine: null } })),
    ).toEqual([])
  })
})
