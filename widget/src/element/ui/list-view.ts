import { MAX_CLINICS_PER_INQUIRY } from '../../../../shared/limits.ts'
import type { RateFacts } from '../../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import type { Lang, Strings } from '../../common/strings.ts'
import { h, setText, syncChildren } from '../dom.ts'
import { applyFilters, type Filters, filterBar } from './filters.ts'
import { type ClinicCard, clinicCard } from './list.ts'
import { rateNotes } from './prices.ts'

export interface ListViewProps {
  t: Strings
  lang: Lang
  uid: string
  clinics: ClinicView[]
  /** The catalog's exchange rates, flagged stale by the Worker. */
  rates: readonly RateFacts[]
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
  readonly #lang: Lang
  readonly #clinics: ClinicView[]
  readonly #rates: readonly RateFacts[]
  /** How prices in other currencies are compared, or why they are not. */
  readonly #rateNotes = h('div', { class: 'rates' })
  #notesFor: string | null = null
  readonly #cards: Map<string, ClinicCard>
  readonly #count = h('p', { class: 'muted', role: 'status' })
  readonly #list = h('ul', { class: 'list' })
  readonly #picked = h('p', { role: 'status' })
  readonly #compare: HTMLButtonElement

  constructor(props: ListViewProps) {
    const { t, lang, uid, clinics, rates } = props
    this.#t = t
    this.#lang = lang
    this.#clinics = clinics
    this.#rates = rates
    this.#cards = new Map(clinics.map((c) => [c.id, clinicCard(t, lang, c, rates, props.onToggle)]))
    this.#compare = h('button', { type: 'button', onclick: props.onCompare }, t.compare)
    this.nodes = [
      h('h2', { tabindex: -1 }, t.title),
      h('p', { class: 'muted' }, t.pickHint),
      filterBar({ t, id: uid, clinics, rates, value: props.filters, onChange: props.onFilters }),
      this.#rateNotes,
      this.#count,
      this.#list,
      h('div', { class: 'bar' }, this.#picked, this.#compare),
    ]
  }

  update(filters: Filters, chosen: string[]): void {
    const t = this.#t
    const shown = applyFilters(this.#clinics, filters, this.#rates)
    if (this.#notesFor !== filters.currency) {
      this.#notesFor = filters.currency
      const notes = rateNotes(t, this.#lang, this.#clinics, this.#rates, filters.currency)
      this.#rateNotes.replaceChildren(
        ...notes.map((n) => h('p', { class: n.warn ? 'muted warn' : 'muted' }, n.text)),
      )
    }
    setText(this.#count, shown.length ? t.count(shown.length) : t.none)
    syncChildren(
      this.#list,
      shown.flatMap((c) => this.#cards.get(c.id)?.element ?? []),
    )
    const full = chosen.length >= MAX_CLINICS_PER_INQUIRY
    for (const [id, card] of this.#cards) card.update(chosen.includes(id), full, filters.currency)
    setText(this.#picked, full ? t.full : t.picked(chosen.length, MAX_CLINICS_PER_INQUIRY))
    this.#compare.disabled = !chosen.some((id) => this.#cards.has(id))
  }
}
