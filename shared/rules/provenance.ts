// How an operator checked a fact. No valibot here: the widget words these
// and the freshness rule ranks them; shared/schemas/provenance.ts builds on them.

/** Ways an operator checks a fact, strongest first. */
export const CHECK_METHODS = [
  'document-seen',
  'registry-lookup',
  'clinic-provided-copy',
  'phone-confirmation',
] as const

/** A rating is checked against the public source it was read from. */
export const RATING_METHODS = [...CHECK_METHODS, 'public-source'] as const

type CheckMethod = (typeof RATING_METHODS)[number]

/** The parts of a fact's provenance families read. */
export interface ProvenanceFacts {
  method: CheckMethod
  /** The evidence the operator holds, by its SHA-256 (lowercase hex). */
  evidenceSha256: string
  evidenceUrl?: string
  /** An operator id from the catalog's `operators`. */
  checkedBy: string
  /** Calendar date, YYYY-MM-DD. */
  checkedAt: string
  /** A rating's public source by name (e.g. a review site). */
  source?: string
}

/** The parts of a clinic that carry provenance. */
export interface ProvenanceCarrier {
  facility: { provenance: ProvenanceFacts }
  licences: {
    stemCellBank: { provenance: ProvenanceFacts } | null
    regenerativeMedicine: { provenance: ProvenanceFacts } | null
  }
  certificateOfAnalysis: { provenance: ProvenanceFacts }
  rating?: { provenance: ProvenanceFacts } | undefined
}

/** A verified fact by where it sits in the record (`licences.stemCellBank`, `packages.<id>`). */
export interface CheckedFact {
  fact: string
  provenance: ProvenanceFacts
}

/** Every verified fact of a clinic and its packages, with its provenance. */
export function checkedFacts(
  clinic: ProvenanceCarrier,
  packages: readonly { id: string; provenance: ProvenanceFacts }[],
): CheckedFact[] {
  const { stemCellBank, regenerativeMedicine } = clinic.licences
  const facts: CheckedFact[] = [{ fact: 'facility', provenance: clinic.facility.provenance }]
  if (regenerativeMedicine) {
    facts.push({
      fact: 'licences.regenerativeMedicine',
      provenance: regenerativeMedicine.provenance,
    })
  }
  if (stemCellBank)
    facts.push({ fact: 'licences.stemCellBank', provenance: stemCellBank.provenance })
  facts.push({ fact: 'certificateOfAnalysis', provenance: clinic.certificateOfAnalysis.provenance })
  if (clinic.rating) facts.push({ fact: 'rating', provenance: clinic.rating.provenance })
  for (const p of packages) facts.push({ fact: `packages.${p.id}`, provenance: p.provenance })
  return facts
}
