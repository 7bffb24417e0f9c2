import {
  FRESHNESS_FLAGS,
  FRESHNESS_MEANINGS,
  type FreshnessFlag,
  flaggedFacts,
  isStaleRate,
  verificationAgeDays,
} from '../../shared/rules/freshness.ts'
import { RATE_MAX_AGE_DAYS } from '../../shared/rules/rates.ts'
import { clinicWarnings, WARNING_MEANINGS, type WarningCode } from '../../shared/rules/warnings.ts'
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

interface FlaggedFact {
  clinicId: string
  /** Where the fact sits: `licences.stemCellBank`, `packages.<id>`, `rating`... */
  fact: string
  method: string
  checkedAt: string
  flags: FreshnessFlag[]
}

export interface Freshness {
  /** Every licence, oldest verification first. */
  licences: LicenceAge[]
  /** Clinics with no licence on record, and so nothing to re-verify. */
  unlicensed: { clinicId: string; warnings: WarningCode[] }[]
  /** Every fact the freshness rule flags (old evidence, a weak method, a rating without source). */
  facts: FlaggedFact[]
  /** Every exchange rate, and whether it is past RATE_MAX_AGE_DAYS. */
  rates: { id: string; date: string; stale: boolean }[]
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
  const facts = catalog.clinics.flatMap((clinic) =>
    flaggedFacts(
      clinic,
      catalog.packages.filter((p) => p.clinicId === clinic.id),
      now,
    ).map((f) => ({
      clinicId: clinic.id,
      fact: f.fact,
      method: f.provenance.method,
      checkedAt: f.provenance.checkedAt,
      flags: f.flags,
    })),
  )
  facts.sort(
    (a, b) => a.checkedAt.localeCompare(b.checkedAt) || a.clinicId.localeCompare(b.clinicId),
  )
  const rates = catalog.exchangeRates.map((r) => ({
    id: r.id,
    date: r.date,
    stale: isStaleRate(r.date, now),
  }))
  return { licences, unlicensed, facts, rates }
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
  lines.push('', 'Facts to check again or on firmer evidence, oldest first:')
  if (freshness.facts.length === 0) lines.push('  (none)')
  else {
    const rows = [['CHECKED', 'CLINIC', 'FACT', 'METHOD', 'FLAGS']]
    for (const f of freshness.facts) {
      rows.push([f.checkedAt, f.clinicId, f.fact, f.method, f.flags.join(', ')])
    }
    lines.push(...table(rows).map((l) => `  ${l}`))
  }
  const flags = new Set(freshness.facts.flatMap((f) => f.flags))
  for (const flag of FRESHNESS_FLAGS) {
    if (flags.has(flag)) lines.push(`  ${flag}: ${FRESHNESS_MEANINGS[flag]}`)
  }
  lines.push('', `Exchange rates (stale after ${RATE_MAX_AGE_DAYS} days):`)
  if (freshness.rates.length === 0) lines.push('  (none)')
  for (const r of freshness.rates) {
    lines.push(
      `  ${r.id}  ${r.date}  ${r.stale ? `STALE: not used; publish a current rate` : 'fresh'}`,
    )
  }
  return lines
}
