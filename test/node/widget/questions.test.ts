import { describe, expect, it } from 'vitest'
import { compareStrings } from '../../../widget/src/element/ui/compare-strings.ts'
import { clinicQuestions } from '../../../widget/src/element/ui/questions.ts'
import { clinic } from './fixtures.ts'

describe('questions to ask a clinic', () => {
  it('asks every clinic the checklist: certificate, both licences, a physician’s plan', () => {
    expect(clinicQuestions(clinic('a'), [])).toEqual(['coa', 'licences', 'physician'])
  })

  it('adds one question for each warning sign the clinic shows', () => {
    expect(clinicQuestions(clinic('a'), ['bankOnly'])).toEqual([
      'coa',
      'licences',
      'physician',
      'bankOnly',
    ])
    expect(clinicQuestions(clinic('a'), ['holder', 'address', 'stale', 'viability'])).toEqual([
      'coa',
      'licences',
      'physician',
      'holder',
      'address',
      'stale',
      'viability',
    ])
  })

  it('asks who makes the plan when the clinic does not say a physician does', () => {
    expect(clinicQuestions(clinic('a', { physicianLedPlan: false }), [])).toContain(
      'noPhysicianPlan',
    )
    expect(clinicQuestions(clinic('a', { physicianLedPlan: false }), [])).not.toContain('physician')
  })

  it('asks a clinic whose licence is an aviso which licencia sanitaria it holds', () => {
    expect(clinicQuestions(clinic('a'), ['bankOnly', 'aviso'])).toContain('aviso')
    for (const lang of ['en', 'es'] as const) {
      const { q } = compareStrings(lang)
      expect(q.aviso).toMatch(/aviso de funcionamiento/)
      expect(q.aviso).toMatch(/licencia sanitaria \((procedure|trámite) COFEPRIS-09-023\)/)
    }
  })

  it('asks a clinic without a certificate about that, not about the certificate’s contents', () => {
    expect(clinicQuestions(clinic('a'), ['noCoa'])).toEqual(['licences', 'physician', 'noCoa'])
  })

  it('words every question in English and Spanish, as a question, never a claim about outcomes', () => {
    for (const lang of ['en', 'es'] as const) {
      const { q } = compareStrings(lang)
      const texts = Object.values(q).map((v) => (typeof v === 'function' ? v('90 %') : v))
      expect(texts).toHaveLength(12)
      for (const text of texts) {
        expect(text).toMatch(/\?$/)
        expect(text).not.toMatch(
          /\b(cure|cura|improve|mejora|success|éxito|recover|recupera|guarantee|garantiza|effective|eficaz|results?|resultados?)\b/i,
        )
      }
    }
    expect(compareStrings('es').q.viability('90 %')).toContain('90 %')
  })
})
