import type { ClinicView } from '../../../shared/schemas/api.ts'

const provenance = {
  method: 'document-seen' as const,
  evidenceSha256: 'b'.repeat(64),
  checkedBy: 'op-test',
  checkedAt: '2026-01-15',
}

const licence = (number: string) => ({
  kind: 'licencia-sanitaria' as const,
  procedure: 'COFEPRIS-09-023',
  number,
  holderName: 'Clínica Uno Ficticia S.A.',
  address: 'Calle Falsa 1, Centro, Tijuana, B.C.',
  provenance,
})

/** A fictional clinic with every fact filled in; tests change what they look at. */
export function clinic(id: string, changes: Partial<ClinicView> = {}): ClinicView {
  return {
    id,
    sample: true,
    name: `Clinic ${id} (sample)`,
    facility: {
      name: 'Clínica Uno Ficticia S.A.',
      address: 'Calle Falsa 1, Centro, Tijuana, B.C.',
      provenance,
    },
    city: 'Tijuana',
    licences: { stemCellBank: licence(`BCO-${id}`), regenerativeMedicine: licence(`MR-${id}`) },
    routes: ['iv', 'intrathecal'],
    cellSource: 'wharton-jelly-msc',
    certificateOfAnalysis: {
      provided: true,
      minViabilityPercent: 97,
      sterilityTested: true,
      provenance,
    },
    physicianLedPlan: true,
    languages: ['es', 'en'],
    rating: { value: 4.5, count: 10, provenance },
    updatedAt: '2026-02-01T00:00:00Z',
    // The Worker's answer for these facts; a test that needs signs gives them.
    warnings: [],
    operators: [{ id: 'op-test', name: 'Test Operator (sample)' }],
    packages: [
      {
        id: `${id}-iv`,
        clinicId: id,
        name: 'IV protocol (sample)',
        priceMin: 10000,
        priceMax: 12000,
        currency: 'USD',
        includes: [],
        provenance,
      },
    ],
    ...changes,
  }
}
