import type { ErrorIssue } from '../../shared/schemas/api.ts'
import type { Inquiry } from '../../shared/schemas/inquiry.ts'
import type { CatalogSnapshot } from '../catalog/snapshot.ts'

/** Clinics must be in the catalog; each package must belong to one of the chosen clinics. */
export function catalogReferenceIssues(inquiry: Inquiry, catalog: CatalogSnapshot): ErrorIssue[] {
  const issues: ErrorIssue[] = []
  const chosen = inquiry.clinicIds.map((id) => catalog.byId.get(id))
  chosen.forEach((clinic, index) => {
    if (!clinic)
      issues.push({
        path: `clinicIds.${index}`,
        message: 'No clinic with this id is in the catalog',
      })
  })
  const packageIds = new Set(chosen.flatMap((clinic) => clinic?.packages.map((p) => p.id) ?? []))
  inquiry.packageIds?.forEach((id, index) => {
    if (!packageIds.has(id)) {
      issues.push({
        path: `packageIds.${index}`,
        message: 'This package is not offered by the chosen clinics',
      })
    }
  })
  return issues
}
