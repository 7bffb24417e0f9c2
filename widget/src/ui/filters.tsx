import { DEFAULT_BUDGET_CURRENCY, ROUTES, type RouteId } from '../../../shared/limits.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import type { Strings } from '../strings.ts'

export interface Filters {
  route: '' | RouteId
  max: string
  currency: string
  city: string
}

export const NO_FILTERS: Filters = {
  route: '',
  max: '',
  currency: DEFAULT_BUDGET_CURRENCY,
  city: '',
}

/**
 * Filters, in the browser, the one list fetched for every instance: route and
 * budget as GET /v1/clinics reads them; the city is picked from this list, so
 * it matches exactly.
 */
export function applyFilters(clinics: ClinicView[], f: Filters): ClinicView[] {
  const max = f.max.trim() === '' ? Number.NaN : Number(f.max)
  return clinics.filter(
    (c) =>
      (!f.route || c.routes.includes(f.route)) &&
      (!f.city || c.city === f.city) &&
      (Number.isNaN(max) || c.packages.some((p) => p.currency === f.currency && p.priceMin <= max)),
  )
}

const unique = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b))

interface Props {
  t: Strings
  id: string
  clinics: ClinicView[]
  value: Filters
  onChange: (next: Filters) => void
}

export function FilterBar({ t, id, clinics, value, onChange }: Props) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch })
  const cities = unique(clinics.map((c) => c.city))
  const currencies = unique(clinics.flatMap((c) => c.packages.map((p) => p.currency)))
  return (
    <fieldset>
      <legend class="vh">{t.filters}</legend>
      <div class="row">
        <label class="f" for={`${id}r`}>
          {t.route}
          <select
            id={`${id}r`}
            value={value.route}
            onChange={(e) => set({ route: e.currentTarget.value as Filters['route'] })}
          >
            <option value="">{t.anyRoute}</option>
            {ROUTES.map((route) => (
              <option key={route} value={route}>
                {t[route]}
              </option>
            ))}
          </select>
        </label>
        <label class="f" for={`${id}b`}>
          {t.budget}
          <input
            id={`${id}b`}
            type="number"
            min="0"
            step="500"
            inputMode="numeric"
            size={8}
            value={value.max}
            onInput={(e) => set({ max: e.currentTarget.value })}
          />
        </label>
        <label class="f" for={`${id}m`}>
          {t.currency}
          <select
            id={`${id}m`}
            value={value.currency}
            onChange={(e) => set({ currency: e.currentTarget.value })}
          >
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label class="f" for={`${id}c`}>
          {t.city}
          <select
            id={`${id}c`}
            value={value.city}
            onChange={(e) => set({ city: e.currentTarget.value })}
          >
            <option value="">{t.anyCity}</option>
            {cities.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      </div>
    </fieldset>
  )
}
