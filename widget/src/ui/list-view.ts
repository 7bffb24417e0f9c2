import { MAX_CLINICS_PER_INQUIRY } from '../../../shared/limits.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import { h, setText, syncChildren } from '../dom.ts'
import type { Lang, Strings } from '../strings.ts'
import { applyFilters, type Filters, filterBar } from './filters.ts'
import { type ClinicCard, clinicCard } from './list.ts'

export interface ListViewProps {
  t: Strings
  lang: Lang
  uid: string
  clinics: ClinicView[]
  filters: Filters
  onFilters: (patch: Partial<Filters>) => void
  onToggle: (id: string) => void
  onCompare: () => void
}

/**
 * The list: filters, the clinics that match, and the way to the comparison.
 * Built once per list and language; `update` changes only what a filter or
 * a tick changed, so focus and what is typed stay where they are.
 */
export class ListView {
  readonly nodes: Node[]
  readonly #t: Strings
  readonly #clinics: ClinicView[]
  readonly #cards: Map<string, ClinicCard>
  readonly #count = h('p', { class: 'muted', role: 'status' })
  readonly #list = h('ul', { class: 'list' })
  readonly #picked = h('p', { role: 'status' })
  readonly #compare: HTMLButtonElement

  constructor(props: ListViewProps) {
    const { t, lang, uid, clinics } = props
    this.#t = t
    this.#clinics = clinics
    this.#cards = new Map(clinics.map((c) => [c.id, clinicCard(t, lang, c, props.onToggle)]))
    this.#compare = h('button', { type: 'button', onclick: props.onCompare }, t.compare)
    this.nodes = [
      h('h2', { tabindex: -1 }, t.title),
      h('p', { class: 'muted' }, t.pickHint),
      filterBar({ t, id: uid, clinics, value: props.filters, onChange: props.onFilters }),
      this.#count,
      this.#list,
      h('div', { class: 'bar' }, this.#picked, this.#compare),
    ]
  }

  update(filters: Filters, chosen: string[]): void {
    const t = this.#t
    const shown = applyFilters(this.#clinics, filters)
    setText(this.#count, shown.length ? t.count(shown.length) : t.none)
    syncChildren(
      this.#list,
      shown.flatMap((c) => this.#cards.get(c.id)?.element ?? []),
    )
    const full = chosen.length >= MAX_CLINICS_PER_INQUIRY
    for (const [id, card] of this.#cards) card.update(chosen.includes(id), full)
    setText(this.#picked, full ? t.full : t.picked(chosen.length, MAX_CLINICS_PER_INQUIRY))
    this.#compare.disabled = !chosen.some((id) => this.#cards.has(id))
  }
}
