import { priceIn, type RateFacts } from '../../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import { formatApprox, formatPrice } from '../../common/format.ts'
import type { Lang, Strings } from '../../common/strings.ts'
import { h, setText } from '../dom.ts'
import { cheapest } from './prices.ts'

/**
 * One clinic's card; `update` shows whether it is chosen, whether it still
 * can be, and its lowest price in its own currency and, approximately, in
 * the family's.
 */
export interface ClinicCard {
  element: HTMLLIElement
  update(chosen: boolean, full: boolean, currency: string): void
}

export function clinicCard(
  t: Strings,
  lang: Lang,
  c: ClinicView,
  rates: readonly RateFacts[],
  onToggle: (id: string) => void,
): ClinicCard {
  const warnings = c.warnings.length
  const price = h('p')
  let shownIn: string | null = null
  const box = h('input', { type: 'checkbox', onchange: () => onToggle(c.id) })
  const element = h(
    'li',
    { class: 'card' },
    h('h3', null, c.name),
    h(
      'p',
      { class: 'muted' },
      `${c.city} · ${c.routes.map((r) => t[r]).join(', ')}`,
      c.sample && ' ',
      c.sample && h('span', { class: 'badge' }, t.sample),
    ),
    price,
    warnings > 0 && h('p', { class: 'warn' }, t.warnCount(warnings)),
    h('label', { class: 'pick' }, box, `${t.pick} `, h('span', { class: 'vh' }, c.name)),
  )
  return {
    element,
    update(chosen, full, currency) {
      if (shownIn !== currency) {
        shownIn = currency
        const pkg = cheapest(c, rates, currency)
        const approx = pkg && pkg.currency !== currency && priceIn(rates, pkg, currency)
        setText(price, pkg ? formatPrice(pkg, lang) : '')
        if (approx)
          price.append(' ', h('span', { class: 'nw muted' }, formatApprox(approx, currency, lang)))
      }
      box.checked = chosen
      box.disabled = full && !chosen
      if (chosen) element.setAttribute('aria-current', 'true')
      else element.removeAttribute('aria-current')
    },
  }
}
