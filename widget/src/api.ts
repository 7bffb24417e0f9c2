import type { ClinicsResponse, ClinicView } from '../../shared/schemas/api.ts'
import type { PublicPartner } from '../../shared/schemas/partner.ts'

/** The Worker's origin: where widget.js came from, unless the page says otherwise. */
export const DEFAULT_API_BASE = new URL('..', import.meta.url).href

export function apiUrl(base: string, path: string): string {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href
}

// One request per page and base, however many instances the page has.
const clinicsCache = new Map<string, Promise<ClinicView[]>>()

export function fetchClinics(base: string): Promise<ClinicView[]> {
  let pending = clinicsCache.get(base)
  if (!pending) {
    pending = fetch(apiUrl(base, 'v1/clinics')).then(async (response) => {
      if (!response.ok) throw new Error(`clinics ${response.status}`)
      return ((await response.json()) as ClinicsResponse).clinics
    })
    pending.catch(() => clinicsCache.delete(base))
    clinicsCache.set(base, pending)
  }
  return pending
}

/** The partner, or null when it is unknown or inactive (the API answers 404). */
export async function fetchPartner(base: string, id: string): Promise<PublicPartner | null> {
  const response = await fetch(apiUrl(base, `v1/partners/${encodeURIComponent(id)}`))
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`partner ${response.status}`)
  return (await response.json()) as PublicPartner
}
