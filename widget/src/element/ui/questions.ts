import type { WarningCode } from '../../../../shared/rules/warnings.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'

/** The checklist every family runs, then one question per warning sign the clinic shows. */
export type QuestionCode = 'coa' | 'licences' | 'physician' | 'noPhysicianPlan' | WarningCode

/**
 * The questions to ask one clinic, from its own data: the checklist (a
 * Certificate of Analysis, both COFEPRIS licences, a physician's plan), asked
 * more pointedly where the data leaves it open, then each warning sign.
 */
export function clinicQuestions(
  clinic: ClinicView,
  warnings: readonly WarningCode[],
): QuestionCode[] {
  const out: QuestionCode[] = []
  // A clinic that gives no certificate is asked about that, not about its contents.
  if (!warnings.includes('noCoa')) out.push('coa')
  out.push('licences', clinic.physicianLedPlan ? 'physician' : 'noPhysicianPlan')
  out.push(...warnings)
  return out
}
