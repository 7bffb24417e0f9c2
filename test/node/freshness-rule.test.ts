import { describe, expect, it } from 'vitest'
import { factFlags, isStaleVerification } from '../../shared/rules/freshness.ts'
import type { ProvenanceFacts } from '../../shared/rules/provenance.ts'
import { clinicWarnings, type WarningFacts } from '../../shared/rules/warnings.ts'

const NOW = Date.parse('2026-06-15T12:00:00Z')

function provenance(changes: Partial<ProvenanceFacts> = {}): ProvenanceFacts {
  return {
    method: 'document-seen',
    evidenceSha256: 'a'.repeat(64),
    checkedBy: 'op-test',
    checkedAt: '2026-05-01',
    ...changes,
  }
}

describe('freshness that knows the method', () => {
  it('flags nothing on a document seen within the year', () => {
    expect(factFlags({ fact: 'certificateOfAnalysis', provenance: provenance() }, NOW)).toEqual([])
  })

  it('flags every method weaker than a document seen', () => {
    for (const method of [
      'registry-lookup',
      'clinic-provided-copy',
      'phone-confirmation',
    ] as const) {
      const fact = { fact: 'licences.stemCellBank', provenance: provenance({ method }) }
      expect(factFlags(fact, NOW)).toEqual(['weakMethod'])
    }
  })

  it('takes a rating from its named public source, and flags one without a source', () => {
    const sourced = provenance({ method: 'public-source', source: 'Example Reviews (sample)' })
    expect(factFlags({ fact: 'rating', provenance: sourced }, NOW)).toEqual([])
    const unsourced = provenance({ method: 'public-source' })
    expect(factFlags({ fact: 'rating', provenance: unsourced }, NOW)).toEqual(['noSource'])
    const told = provenance({ method: 'clinic-provided-copy' })
    expect(factFlags({ fact: 'rating', provenance: told }, NOW)).toEqual(['weakMethod', 'noSource'])
    // "public-source" is for ratings: any other fact read off a website is weaker than a document.
    const site = provenance({ method: 'public-source' })
    expect(factFlags({ fact: 'certificateOfAnalysis', provenance: site }, NOW)).toEqual([
      'weakMethod',
    ])
  })

  it('flags evidence past its first anniversary, on the day the stale sign turns on', () => {
    const facility = { name: 'Clínica Ejemplo S.A.', address: 'Av. Ficticia 1' }
    for (const checkedAt of ['2025-06-14', '2025-06-15', '2025-06-16']) {
      const licence = {
        kind: 'licencia-sanitaria' as const,
        ...facility,
        holderName: facility.name,
      }
      const clinic: WarningFacts = {
        facility,
        licences: {
          stemCellBank: null,
          regenerativeMedicine: { ...licence, provenance: provenance({ checkedAt }) },
        },
        certificateOfAnalysis: { provided: true, minViabilityPercent: 97 },
      }
      const old = factFlags(
        { fact: 'licences.regenerativeMedicine', provenance: provenance({ checkedAt }) },
        NOW,
      ).includes('oldEvidence')
      // The widget's stale sign and catalog:freshness's flag agree on every date.
      expect(clinicWarnings(clinic, NOW).includes('stale')).toBe(old)
      expect(old).toBe(isStaleVerification(checkedAt, NOW))
    }
    expect(isStaleVerification('2025-06-14', NOW)).toBe(true)
    expect(isStaleVerification('2025-06-15', NOW)).toBe(false)
  })
})
