import { describe, expect, it } from 'vitest'
import { expectation, hostileCases } from '../../bench/hostile-cases.ts'
import { validInquiry } from '../../bench/inquiry-body.ts'
import { sampleCatalogFor } from '../../scripts/lib/local-state.ts'

const ORIGIN = 'http://127.0.0.1:8787'

describe('the bench hostile-body generator', () => {
  it('builds only requests the contract refuses', async () => {
    const catalog = await sampleCatalogFor(8787)
    const cases = hostileCases({ catalog, origin: ORIGIN }, 3000, 7)
    const accepted = cases.filter((c) => expectation(c, catalog).accept)
    expect(accepted.map((c) => c.kind)).toEqual([])
    expect(new Set(cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(14)
  })

  it('judges the bench’s valid inquiries as accepted, so a wrong 202 would be caught', async () => {
    const catalog = await sampleCatalogFor(8787)
    for (let n = 0; n < 20; n++) {
      const request = {
        kind: 'valid',
        headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
        body: JSON.stringify(validInquiry(catalog, n)),
      }
      expect(expectation(request, catalog)).toEqual({ accept: true, status: 202, reason: 'valid' })
    }
  })
})
