import { DEFAULT_BUDGET_CURRENCY, ROUTES, type RouteId } from '../../../../shared/limits.ts'
import { priceIn, type RateFacts } from '../../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import type { Strings } from '../../common/strings.ts'
import { h } from '../dom.ts'

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
 * budget as GET /v1/clinics reads them (prices in other currencies converted
 * at fresh rates, never a stale one); the city is picked from this list, so
 * it matches exactly.
 */
export function applyFilters(
  clinics: ClinicView[],
  f: Filters,
  rates: readonly RateFacts[],
): ClinicView[] {
  const max = f.max.trim() === '' ? Number.NaN : Number(f.max)
  const fits = (p: ClinicView['packages'][number]) => {
    const price = priceIn(rates, p, f.currency)
    return price !== undefined && price.min <= max
  }
  return clinics.filter(
    (c) =>
      (!f.route || c.routes.includes(f.route)) &&
      (!f.city || c.city === f.city) &&
      (Number.isNaN(max) || c.packages.some(fits)),
  )
}

const unique = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b))

interface FilterBarProps {
  t: Strings
  id: string
  clinics: ClinicView[]
  rates: readonly RateFacts[]
  value: Filters
  onChange: (patch: Partial<Filters>) => void
}

function select(
  id: string,
  value: string,
  options: [value: string, label: string][],
  onChange: (value: string) => void,
): HTMLSelectElement {
  const element = h(
    'select',
    { id, onchange: () => onChange(element.value) },
    options.map(([v, label]) => h('option', { value: v }, label)),
  )
  element.value = value
  return element
}

/** The filter fields, built once per list: each change reports only the field that changed. */
export function filterBar({ t, id, clinics, rates, value, onChange }: FilterBarProps): HTMLElement {
  const field = (suffix: string, label: string, control: HTMLElement) =>
    h('label', { class: 'f', for: `${id}${suffix}` }, label, control)
  const budget = h('input', {
    id: `${id}b`,
    type: 'number',
    min: 0,
    step: 500,
    inputmode: 'numeric',
    size: 8,
    value: value.max,
    oninput: () => onChange({ max: budget.value }),
  })
  // A family may set its budget in any currency a price or a rate names.
  const currencies = unique([
    ...clinics.flatMap((c) => c.packages.map((p) => p.currency)),
    ...rates.flatMap((r) => [r.base, r.quote]),
  ])
  const cities = unique(clinics.map((c) => c.city))
  return h(
    'fieldset',
    null,
    h('legend', { class: 'vh' }, t.filters),
    h(
      'div',
      { class: 'row' },
      field(
        'r',
        t.route,
        select(
          `${id}r`,
          value.route,
          [['', t.anyRoute], ...ROUTES.map((r): [string, string] => [r, t[r]])],
          (route) => onChange({ route: route as Filters['route'] }),
        ),
      ),
      field('b', t.budget, budget),
      field(
        'm',
        t.currency,
        select(
          `${id}m`,
          value.currency,
          currencies.map((c): [string, string] => [c, c]),
          (currency) => onChange({ currency }),
        ),
      ),
      field(
        'c',
        t.city,
        select(
          `${id}c`,
          value.city,
          [['', t.anyCity], ...cities.map((c): [string, string] => [c, c])],
          (city) => onChange({ city }),
        ),
      ),
    ),
  )
}
