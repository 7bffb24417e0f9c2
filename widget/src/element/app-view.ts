import type { RateFacts } from '../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import type { Lang, Strings } from '../common/strings.ts'
import type { loadCompareView } from './compare-chunk.ts'
import { h, syncChildren } from './dom.ts'
import { type PartnerState, showsNeutralContext } from './partner-state.ts'
import type { ChunkView } from './ui/compare-view.tsx'
import { neutralContext } from './ui/context.ts'
import type { Filters } from './ui/filters.ts'
import { ListView } from './ui/list-view.ts'
import { retryAlert, unavailableNotice } from './ui/unavailable-notice.ts'

export type View = 'list' | 'compare' | 'form'

export type CompareChunk = Awaited<ReturnType<typeof loadCompareView>>

/** What the widget shows, as App's state says it (app.ts). */
export interface Screen {
  uid: string
  lang: Lang
  t: Strings
  clinics: ClinicView[] | null
  rates: RateFacts[]
  failed: boolean
  partner: PartnerState
  filters: Filters
  chosen: string[]
  view: View
  /** The comparison chunk, once loaded. */
  chunk: CompareChunk | null
  /** The comparison or the form, when one of them shows. */
  chunkView: ChunkView | null
  /** The comparison chunk did not load: how to try again. */
  retryPart: (() => void) | null
  /** Where focus goes once this screen is in; null keeps the page's focus. */
  focus: string | null
}

/** What the list asks App to do. */
export interface ListMoves {
  onFilters: (patch: Partial<Filters>) => void
  onToggle: (id: string) => void
  onCompare: () => void
  onRetryClinics: () => void
}

/** A node built for one key (a language, a text) and kept while the key stays. */
interface Kept {
  key: unknown
  node: HTMLElement
}

function keep(slot: Kept | null, key: unknown, build: () => HTMLElement): Kept {
  return slot && slot.key === key ? slot : { key, node: build() }
}

/**
 * The widget's screen: the list (plain DOM, ui/list-view.ts, so a partner's
 * page downloads no framework before it shows), or the comparison chunk's box
 * (Preact renders the comparison or the form's frame into it), with the
 * notices around them. Nodes are kept while what they say stays, so a redraw
 * moves no focus and loses no scroll.
 */
export class AppView {
  readonly root: HTMLDivElement = h('div', { class: 'w busy' })
  #list: ListView | null = null
  #chunkBox = h('div')
  #status: Kept | null = null
  #notice: Kept | null = null
  #context: Kept | null = null

  /** The list is built again with its words (another language) or its clinics (a new load). */
  forgetList(): void {
    this.#list = null
  }

  draw(screen: Screen, moves: ListMoves): void {
    const { uid, lang, t, clinics } = screen
    const nodes: Node[] = []
    if (screen.retryPart) {
      const retry = screen.retryPart
      this.#notice = keep(this.#notice, lang, () => unavailableNotice(lang, () => retry()))
      nodes.push(this.#notice.node)
    }
    let chunkView: ChunkView | null = null
    if (screen.failed || !clinics) {
      const text = screen.failed ? t.loadFailed : t.loading
      this.#status = keep(this.#status, text, () =>
        screen.failed
          ? retryAlert(text, t.retry, moves.onRetryClinics)
          : h('p', { role: 'status' }, text),
      )
      nodes.push(this.#status.node)
    } else if (screen.chunkView) {
      chunkView = screen.chunkView
      nodes.push(this.#chunkBox)
    } else {
      this.#list ??= new ListView({
        t,
        lang,
        uid,
        clinics,
        rates: screen.rates,
        filters: screen.filters,
        onFilters: moves.onFilters,
        onToggle: moves.onToggle,
        onCompare: moves.onCompare,
      })
      this.#list.update(screen.filters, screen.chosen)
      nodes.push(...this.#list.nodes)
    }
    if (showsNeutralContext(screen.partner) && screen.view !== 'form') {
      this.#context = keep(this.#context, t, () => neutralContext(t, uid))
      nodes.push(this.#context.node)
    }
    const root = this.root
    root.className = clinics || screen.failed ? 'w' : 'w busy'
    root.lang = lang
    syncChildren(root, nodes)
    screen.chunk?.renderView(this.#chunkBox, chunkView)
    // After the new view is in, in the same frame.
    if (screen.focus) root.querySelector<HTMLElement>(screen.focus)?.focus()
  }

  /** The element is gone: the comparison chunk unmounts what it rendered. */
  clear(chunk: CompareChunk | null): void {
    chunk?.renderView(this.#chunkBox, null)
  }
}
