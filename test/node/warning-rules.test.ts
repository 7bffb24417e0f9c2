import { describe, expect, it } from 'vitest'
import { isStaleVerification, verificationAgeDays } from '../../shared/rules/freshness.ts'
import {
  clinicWarnings,
  type LicenceKind,
  WARNING_CODES,
  type WarningFacts,
} from '../../shared/rules/warnings.ts'

const FACILITY = { name: 'Clínica Ejemplo S.A. de C.V.', address: 'Av. Ficticia 1, Tijuana' }
const NOW = Date.parse('2026-06-15T12:00:00Z')

function licence(verifiedAt = '2026-05-01') {
  const kind: LicenceKind = 'licencia-sanitaria'
  return {
    kind,
    holderName: FACILITY.name,
    address: FACILITY.address,
    provenance: { checkedAt: verifiedAt },
  }
}

function aviso() {
  return { ...licence(), kind: 'aviso-de-funcionamiento' as const }
}

/** A clinic that shows no warning sign at NOW; each test breaks one fact. */
function clean(): WarningFacts {
  return {
    facility: { ...FACILITY },
    licences: { stemCellBank: licence(), regenerativeMedicine: licence() },
    certificateOfAnalysis: { provided: true, minViabilityPercent: 97 },
  }
}

describe('clinicWarnings', () => {
  it('finds nothing in a clinic with both licences matching, fresh, and a good certificate', () => {
    expect(clinicWarnings(clean(), NOW)).toEqual([])
  })

  it('flags a clinic with only the bank licence as bankOnly, not noLicence', () => {
    const c = clean()
    c.licences.regenerativeMedicine = null
    expect(clinicWarnings(c, NOW)).toEqual(['bankOnly'])
  })

  it('flags a clinic with neither licence as noLicence', () => {
    const c = clean()
    c.licences = { stemCellBank: null, regenerativeMedicine: null }
    expect(clinicWarnings(c, NOW)).toEqual(['noLicence'])
  })

  it('accepts the medicine licence alone', () => {
    const c = clean()
    c.licences.stemCellBank = null
    expect(clinicWarnings(c, NOW)).toEqual([])
  })

  it('treats an aviso de funcionamiento as the regenerative medicine licence as no licence', () => {
    const c = clean()
    c.licences.regenerativeMedicine = aviso()
    expect(clinicWarnings(c, NOW)).toEqual(['bankOnly', 'aviso'])
    c.licences.stemCellBank = null
    expect(clinicWarnings(c, NOW)).toEqual(['noLicence', 'aviso'])
  })

  it('treats an aviso as the bank licence as no bank licence, the treating permit still counting', () => {
    const c = clean()
    c.licences.stemCellBank = aviso()
    expect(clinicWarnings(c, NOW)).toEqual(['aviso'])
  })

  it('counts two avisos as no licence at all', () => {
    const c = clean()
    c.licences = { stemCellBank: aviso(), regenerativeMedicine: aviso() }
    expect(clinicWarnings(c, NOW)).toEqual(['noLicence', 'aviso'])
  })

  it('flags a holder name that differs from the facility on either licence', () => {
    for (const which of ['stemCellBank', 'regenerativeMedicine'] as const) {
      const c = clean()
      c.licences[which] = { ...licence(), holderName: 'Otra Empresa S.A.' }
      expect(clinicWarnings(c, NOW)).toEqual(['holder'])
    }
  })

  it('does not count case, accents, punctuation or spacing as a different holder or address', () => {
    const c = clean()
    c.licences.regenerativeMedicine = {
      ...licence(),
      holderName: 'CLINICA  ejemplo, SA de CV',
      address: 'av ficticia 1 tijuana',
    }
    expect(clinicWarnings(c, NOW)).toEqual([])
  })

  it('flags an address that differs from the facility', () => {
    const c = clean()
    c.licences.stemCellBank = { ...licence(), address: 'Calle Otra 9, Tijuana' }
    expect(clinicWarnings(c, NOW)).toEqual(['address'])
  })

  it('flags a verification more than a year old, not one exactly a year old', () => {
    const c = clean()
    c.licences.stemCellBank = licence('2025-06-15')
    expect(clinicWarnings(c, NOW)).toEqual([])
    c.licences.stemCellBank = licence('2025-06-14')
    expect(clinicWarnings(c, NOW)).toEqual(['stale'])
  })

  it('flags a missing Certificate of Analysis', () => {
    const c = clean()
    c.certificateOfAnalysis = { provided: false, minViabilityPercent: null }
    expect(clinicWarnings(c, NOW)).toEqual(['noCoa'])
  })

  it('flags viability below 95 %, not exactly 95 % and not an unstated one', () => {
    const c = clean()
    c.certificateOfAnalysis.minViabilityPercent = 95
    expect(clinicWarnings(c, NOW)).toEqual([])
    c.certificateOfAnalysis.minViabilityPercent = 94.9
    expect(clinicWarnings(c, NOW)).toEqual(['viability'])
    c.certificateOfAnalysis.minViabilityPercent = null
    expect(clinicWarnings(c, NOW)).toEqual([])
  })

  it('lists every sign of a clinic at once, in the order of WARNING_CODES', () => {
    const c: WarningFacts = {
      facility: { ...FACILITY },
      licences: {
        stemCellBank: {
          ...aviso(),
          holderName: 'Otra',
          address: 'Otra calle',
          provenance: { checkedAt: '2020-01-01' },
        },
        regenerativeMedicine: null,
      },
      certificateOfAnalysis: { provided: false, minViabilityPercent: 80 },
    }
    const all = clinicWarnings(c, NOW)
    expect(all).toEqual(['noLicence', 'aviso', 'holder', 'address', 'stale', 'noCoa', 'viability'])
    expect(all).toEqual(WARNING_CODES.filter((code) => all.includes(code)))
  })
})

describe('isStaleVerification', () => {
  it('turns stale on the day after the first anniversary, in UTC', () => {
    expect(isStaleVerification('2025-03-10', Date.parse('2026-03-10T23:59:59Z'))).toBe(false)
    expect(isStaleVerification('2025-03-10', Date.parse('2026-03-11T00:00:00Z'))).toBe(true)
  })

  it('takes 1 March as the anniversary of 29 February', () => {
    expect(isStaleVerification('2024-02-29', Date.parse('2025-03-01T12:00:00Z'))).toBe(false)
    expect(isStaleVerification('2024-02-29', Date.parse('2025-03-02T00:00:00Z'))).toBe(true)
  })

  it('is not stale for a date in the future (an operator typo is not a warning)', () => {
    expect(isStaleVerification('2027-01-01', NOW)).toBe(false)
  })
})

describe('verificationAgeDays', () => {
  it('counts whole UTC calendar days', () => {
    expect(verificationAgeDays('2026-06-15', NOW)).toBe(0)
    expect(verificationAgeDays('2026-06-14', NOW)).toBe(1)
    expect(verificationAgeDays('2025-06-15', NOW)).toBe(365)
  })
})
