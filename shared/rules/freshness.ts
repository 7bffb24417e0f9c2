// Freshness that knows the method: how old a fact's evidence is, and
// whether it rests on less than a document seen. One rule for the widget's
// stale warning (shared/rules/warnings.ts computes it with isStaleVerification),
// the flags in its "How we checked this" panels and catalog:freshness
// (factFlags), and for exchange rates, the Worker and catalog:freshness
// (isStaleRate). No valibot here.

import {
  type CheckedFact,
  checkedFacts,
  type ProvenanceCarrier,
  type ProvenanceFacts,
} from './provenance.ts'
import { RATE_MAX_AGE_DAYS } from './rates.ts'

/** Evidence checked longer ago than this many calendar years is old: check it again. */
export const EVIDENCE_MAX_AGE_YEARS = 1

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

/**
 * True once the verification's first anniversary (UTC calendar days) has
 * passed: verified 2025-03-10, still fresh on 2026-03-10, stale on 2026-03-11.
 * A 29 February verification turns stale after 1 March of the next year.
 */
export function isStaleVerification(verifiedAt: string, now: number): boolean {
  const verified = new Date(`${verifiedAt}T00:00:00Z`)
  verified.setUTCFullYear(verified.getUTCFullYear() + EVIDENCE_MAX_AGE_YEARS)
  return utcDay(now) > utcDay(verified.getTime())
}

/** Whole days between a verification date and `now` (UTC calendar days). */
export function verificationAgeDays(verifiedAt: string, now: number): number {
  const day = 86_400_000
  return Math.round(
    (Date.parse(`${utcDay(now)}T00:00:00Z`) - Date.parse(`${verifiedAt}T00:00:00Z`)) / day,
  )
}

/** True once a rate's date is more than RATE_MAX_AGE_DAYS UTC days before `now`: flagged, never used. */
export function isStaleRate(date: string, now: number): boolean {
  return verificationAgeDays(date, now) > RATE_MAX_AGE_DAYS
}

/** What catalog:freshness flags in a fact's provenance, in the order an operator fixes them. */
export const FRESHNESS_FLAGS = ['oldEvidence', 'weakMethod', 'noSource'] as const

export type FreshnessFlag = (typeof FRESHNESS_FLAGS)[number]

export const FRESHNESS_MEANINGS: Record<FreshnessFlag, string> = {
  oldEvidence: `Checked more than ${EVIDENCE_MAX_AGE_YEARS} year ago: check it again (a licence shows families the stale sign).`,
  weakMethod:
    'Rests on less than a document seen (a registry, a copy the clinic sent, a phone call); a rating, on less than its public source.',
  noSource: 'A rating that names no public source.',
}

/** The methods a fact may rest on without being flagged; a rating's public source counts as seen. */
function strongMethod(fact: string, p: ProvenanceFacts): boolean {
  if (p.method === 'document-seen') return true
  return fact === 'rating' && p.method === 'public-source'
}

/** The flags of one checked fact at `now`. */
export function factFlags(fact: CheckedFact, now: number): FreshnessFlag[] {
  const p = fact.provenance
  const flags: FreshnessFlag[] = []
  if (isStaleVerification(p.checkedAt, now)) flags.push('oldEvidence')
  if (!strongMethod(fact.fact, p)) flags.push('weakMethod')
  if (fact.fact === 'rating' && !p.source) flags.push('noSource')
  return flags
}

/** Every flagged fact of a clinic and its packages. */
export function flaggedFacts(
  clinic: ProvenanceCarrier,
  packages: readonly { id: string; provenance: ProvenanceFacts }[],
  now: number,
): (CheckedFact & { flags: FreshnessFlag[] })[] {
  return checkedFacts(clinic, packages).flatMap((fact) => {
    const flags = factFlags(fact, now)
    return flags.length > 0 ? [{ ...fact, flags }] : []
  })
}
