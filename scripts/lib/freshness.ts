import {
  clinicWarnings,
  verificationAgeDays,
  WARNING_MEANINGS,
  type WarningCode,
} from '../../shared/rules/warnings.ts'
import type { CatalogFile } from '../../shared/schemas/catalog.ts'

export const DEFAULT_MAX_AGE_DAYS = 180

const LICENCE_NAMES = {
  regenerativeMedicine: 'regenerative medicine',
  stemCellBank: 'stem cell bank',
} as const

interface LicenceAge {
  clinicId: string
  licence: keyof typeof LICENCE_NAMES
  number: string
  verifiedAt: string
  ageDays: number
  /** The clinic's warning signs, as families see them. */
  warnings: WarningCode[]
}

export interface Freshness {
  /** Every licence, oldest verification first. */
  licences: LicenceAge[]
  /** Clinics with no licence on record, and so nothing to re-verify. */
  unlicensed: { clinicId: string; warnings: WarningCode[] }[]
}

export function licenceFreshness(catalog: CatalogFile, now: number): Freshness {
  const licences: LicenceAge[] = []
  const unlicensed: Freshness['unlicensed'] = []
  for (const clinic of catalog.clinics) {
    const warnings = clinicWarnings(clinic, now)
    let any = false
    for (const kind of ['regenerativeMedicine', 'stemCellBank'] as const) {
      const licence = clinic.licences[kind]
      if (!licence) continue
      any = true
      licences.push({
        clinicId: clinic.id,
        licence: kind,
        number: licence.number,
        verifiedAt: licence.provenance.checkedAt,
        ageDays: verificationAgeDays(licence.provenance.checkedAt, now),
        warnings,
      })
    }
    if (!any) unlicensed.push({ clinicId: clinic.id, warnings })
  }
  licences.sort(
    (a, b) => a.verifiedAt.localeCompare(b.verifiedAt) || a.clinicId.localeCompare(b.clinicId),
  )
  return { licences, unlicensed }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  )
}

/** The report: a table, then what each warning sign shown in it means. */
export function formatFreshness(freshness: Freshness, maxAgeDays: number): string[] {
  const rows = [['AGE (DAYS)', 'VERIFIED', 'CLINIC', 'LICENCE', 'NUMBER', 'WARNING SIGNS', '']]
  for (const l of freshness.licences) {
    rows.push([
      String(l.ageDays),
      l.verifiedAt,
      l.clinicId,
      LICENCE_NAMES[l.licence],
      l.number,
      l.warnings.join(', ') || '-',
      l.ageDays > maxAgeDays ? `OLDER THAN ${maxAgeDays} DAYS` : '',
    ])
  }
  const lines = table(rows)
  for (const u of freshness.unlicensed) {
    lines.push(`${u.clinicId}: no licence on record (${u.warnings.join(', ')})`)
  }
  const shown = new Set([...freshness.licences, ...freshness.unlicensed].flatMap((r) => r.warnings))
  if (shown.size > 0) lines.push('', 'Warning signs:')
  for (const code of Object.keys(WARNING_MEANINGS) as WarningCode[]) {
    if (shown.has(code)) lines.push(`  ${code}: ${WARNING_MEANINGS[code]}`)
  }
  return lines
}
