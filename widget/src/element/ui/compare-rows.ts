import type { WarningCode } from '../../../../shared/rules/warnings.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'

/** The facts of the comparison, in the order a parent reads them, grouped. */
export const FACT_GROUPS = [
  { id: 'warnings', facts: ['warnings'] },
  { id: 'licences', facts: ['medLicence', 'bankLicence', 'licenceHolder'] },
  { id: 'treatment', facts: ['routes', 'cellSource', 'physician'] },
  { id: 'coa', facts: ['coa'] },
  { id: 'prices', facts: ['prices'] },
  { id: 'other', facts: ['city', 'languages', 'rating'] },
] as const

export const FACT_COUNT: number = FACT_GROUPS.reduce((n, g) => n + g.facts.length, 0)

export type GroupId = (typeof FACT_GROUPS)[number]['id']
export type FactId = (typeof FACT_GROUPS)[number]['facts'][number]

const sorted = (list: readonly string[]) => [...list].sort()

/** Where a licence is held: each distinct holder and address of a clinic's licences once. */
export function licenceHolders(clinic: ClinicView): { holderName: string; address: string }[] {
  const { stemCellBank, regenerativeMedicine } = clinic.licences
  const seen = new Map<string, { holderName: string; address: string }>()
  for (const l of [regenerativeMedicine, stemCellBank]) {
    if (l) seen.set(JSON.stringify([l.holderName, l.address]), l)
  }
  return [...seen.values()].map(({ holderName, address }) => ({ holderName, address }))
}

/**
 * What a fact's cell shows, as plain data: two clinics whose values are equal
 * here show the same cell. Lists whose order carries no meaning are sorted.
 */
function factValue(fact: FactId, c: ClinicView, warnings: readonly WarningCode[]): unknown {
  switch (fact) {
    case 'warnings':
      return sorted(warnings)
    case 'medLicence':
      return c.licences.regenerativeMedicine
    case 'bankLicence':
      return c.licences.stemCellBank
    case 'licenceHolder':
      return licenceHolders(c)
    case 'routes':
      return sorted(c.routes)
    case 'cellSource':
      return c.cellSource
    case 'physician':
      return c.physicianLedPlan
    case 'coa':
      return c.certificateOfAnalysis
    case 'prices':
      return c.packages.map((p) => [p.name, p.priceMin, p.priceMax, p.currency])
    case 'city':
      return c.city
    case 'languages':
      return sorted(c.languages)
    case 'rating':
      return c.rating ?? null
  }
}

/**
 * Stable JSON: key order in the catalog must not make two equal values
 * differ. How a fact was checked is not the fact: provenance is left out.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'provenance') return undefined
    return v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v
  })
}

/**
 * The facts whose value is the same for every compared clinic: "only the
 * differences" hides them. With fewer than two clinics nothing is compared.
 */
export function sameFacts(
  clinics: readonly ClinicView[],
  warningsOf: (c: ClinicView) => readonly WarningCode[],
): Set<FactId> {
  const same = new Set<FactId>()
  if (clinics.length < 2) return same
  for (const group of FACT_GROUPS) {
    for (const fact of group.facts) {
      const values = new Set(clinics.map((c) => canonical(factValue(fact, c, warningsOf(c)))))
      if (values.size === 1) same.add(fact)
    }
  }
  return same
}
