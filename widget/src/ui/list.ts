import type { ClinicView } from '../../../shared/schemas/api.ts'
import { h } from '../dom.ts'
import { formatPrice } from '../format.ts'
import type { Lang, Strings } from '../strings.ts'

/** The cheapest package first, in its own currency. */
function fromPrice(clinic: ClinicView, lang: Lang): string | undefined {
  const pkg = [...clinic.packages].sort((a, b) => a.priceMin - b.priceMin)[0]
  return pkg && formatPrice(pkg, lang)
}

/** One clinic's card; `update` shows whether it is chosen, and whether it still can be. */
export interface ClinicCard {
  element: HTMLLIElement
  update(chosen: boolean, full: boolean): void
}

export function clinicCard(
  t: Strings,
  lang: Lang,
  c: ClinicView,
  onToggle: (id: string) => void,
): ClinicCard {
  const warnings = c.warnings.length
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
    h('p', null, fromPrice(c, lang)),
    warnings > 0 && h('p', { class: 'warn' }, t.warnCount(warnings)),
    h('label', { class: 'pick' }, box, `${t.pick} `, h('span', { class: 'vh' }, c.name)),
  )
  return {
    element,
    update(chosen, full) {
      box.checked = chosen
      box.disabled = full && !chosen
      if (chosen) element.setAttribute('aria-current', 'true')
      else element.removeAttribute('aria-current')
    },
  }
}
