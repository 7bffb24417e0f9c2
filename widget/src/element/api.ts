import type { ClinicsResponse } from '../../../shared/schemas/api.ts'
import type { PublicPartner } from '../../../shared/schemas/partner.ts'
import { apiUrl } from '../common/api-url.ts'

/** The Worker's origin: where widget.js came from (main.js is in widget/<version>/), unless the page says otherwise. */
export const DEFAULT_API_BASE = new URL('../..', import.meta.url).href

export { apiUrl } from '../common/api-url.ts'

/** The list and the rates its prices convert at. */
export type ClinicList = Pick<ClinicsResponse, 'clinics' | 'exchangeRates'>

interface SharedLoad {
  clinics: Promise<ClinicList>
  controller: AbortController
  settled: boolean
  waiting: number
}

// One request per page and base, however many instances the page has. It is
// aborted when every instance waiting for it has gone (a route change).
const clinicsCache = new Map<string, SharedLoad>()

export function fetchClinics(base: string, signal: AbortSignal): Promise<ClinicList> {
  let load = clinicsCache.get(base)
  if (!load) {
    const controller = new AbortController()
    const clinics = fetch(apiUrl(base, 'v1/clinics'), { signal: controller.signal }).then(
      async (response) => {
        if (!response.ok) throw new Error(`clinics ${response.status}`)
        const { clinics, exchangeRates } = (await response.json()) as ClinicsResponse
        // An older Worker sends no rates: prices then stay in their own currency.
        return { clinics, exchangeRates: exchangeRates ?? [] }
      },
    )
    const started: SharedLoad = { clinics, controller, settled: false, waiting: 0 }
    clinics.then(
      () => {
        started.settled = true
      },
      () => clinicsCache.get(base) === started && clinicsCache.delete(base),
    )
    clinicsCache.set(base, started)
    load = started
  }
  const shared = load
  shared.waiting++
  signal.addEventListener('abort', () => {
    if (--shared.waiting > 0 || shared.settled) return
    shared.controller.abort()
    if (clinicsCache.get(base) === shared) clinicsCache.delete(base)
  })
  return shared.clinics
}

/** The partner, or null when it is unknown or inactive (the API answers 404). */
export async function fetchPartner(
  base: string,
  id: string,
  signal: AbortSignal,
): Promise<PublicPartner | null> {
  const response = await fetch(apiUrl(base, `v1/partners/${encodeURIComponent(id)}`), { signal })
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`partner ${response.status}`)
  return (await response.json()) as PublicPartner
}
