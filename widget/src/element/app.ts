import { MAX_CLINICS_PER_INQUIRY } from '../../../shared/limits.ts'
import type { RateFacts } from '../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import type { Lang, Strings } from '../common/strings.ts'
import { fetchClinics, fetchPartner } from './api.ts'
import { AppView, type CompareChunk, type ListMoves, type View } from './app-view.ts'
import { loadCompareView } from './compare-chunk.ts'
import { type Emit, emitter } from './events.ts'
import type { PartnerState } from './partner-state.ts'
import type { ChunkView } from './ui/compare-view.tsx'
import { type Filters, NO_FILTERS } from './ui/filters.ts'
import { SHARE_KEY } from './ui/share-key.ts'

export interface AppProps {
  host: HTMLElement
  uid: string
  partner: string
  lang: Lang
  t: Strings
  apiBase: string
}

/**
 * The widget's state and its moves between the list, the comparison and the
 * request form's frame: what it loaded, what the family picked, which view.
 * What that looks like on screen is app-view.ts's.
 */
export class App {
  #props: AppProps
  #screen = new AppView()
  #clinics: ClinicView[] | null = null
  #rates: RateFacts[] = []
  #failed = false
  #partner: PartnerState = { status: 'loading' }
  #filters: Filters = NO_FILTERS
  #chosen: string[] = []
  #view: View = 'list'
  #chunk: CompareChunk | null = null
  /** The comparison chunk did not load: how to try again. */
  #retryPart: (() => void) | null = null
  // Where focus goes after the view changes; null on first render, so the page keeps its focus.
  #focusNext: string | null = null
  // Each load is numbered: an answer to an older one (another api-base or partner) is dropped.
  #clinicsLoad = 0
  #partnerLoad = 0
  // Each load's requests stop when a newer load replaces it or the element is removed.
  #clinicsAbort = new AbortController()
  #partnerAbort = new AbortController()

  #emit: Emit = (name, detail) => emitter(this.#props.host)(name, detail)

  constructor(props: AppProps) {
    this.#props = props
    this.#loadClinics()
    this.#loadPartner()
    addEventListener('hashchange', this.#openShared)
    // A share link's comparison chunk loads alongside the clinics, not after them.
    if (location.hash.includes(SHARE_KEY)) loadCompareView().catch(() => undefined)
  }

  update(next: AppProps): void {
    const prev = this.#props
    this.#props = next
    // Another language: the list is built again with its words; the filters and ticks stay.
    if (prev.t !== next.t) this.#screen.forgetList()
    if (prev.apiBase !== next.apiBase) this.#loadClinics()
    if (prev.apiBase !== next.apiBase || prev.partner !== next.partner) this.#loadPartner()
    else this.#render()
  }

  destroy(): void {
    removeEventListener('hashchange', this.#openShared)
    this.#clinicsLoad++
    this.#partnerLoad++
    this.#clinicsAbort.abort()
    this.#partnerAbort.abort()
    this.#screen.clear(this.#chunk)
  }

  get root(): HTMLDivElement {
    return this.#screen.root
  }

  // `ready` is announced once per load, not on every language switch.
  #loadClinics() {
    const load = ++this.#clinicsLoad
    const { apiBase, partner, lang } = this.#props
    this.#clinicsAbort.abort()
    this.#clinicsAbort = new AbortController()
    this.#failed = false
    this.#render()
    fetchClinics(apiBase, this.#clinicsAbort.signal).then(
      ({ clinics, exchangeRates }) => {
        if (load !== this.#clinicsLoad) return
        this.#clinics = clinics
        this.#rates = exchangeRates
        this.#screen.forgetList()
        this.#render()
        this.#openShared()
        this.#emit('ready', { partner, lang, clinics: clinics.length })
      },
      () => {
        if (load !== this.#clinicsLoad) return
        this.#failed = true
        this.#render()
        this.#emit('error', { code: 'clinics_unavailable' })
      },
    )
  }

  #loadPartner = () => {
    const load = ++this.#partnerLoad
    const { apiBase, partner } = this.#props
    this.#partnerAbort.abort()
    this.#partnerAbort = new AbortController()
    this.#partner = { status: 'loading' }
    this.#render()
    fetchPartner(apiBase, partner, this.#partnerAbort.signal).then(
      (found) => {
        if (load !== this.#partnerLoad) return
        this.#partner = found ? { status: 'ok', partner: found } : { status: 'inactive' }
        this.#render()
        if (!found) this.#emit('error', { code: 'partner_not_found', status: 404 })
      },
      () => {
        if (load !== this.#partnerLoad || this.#partnerAbort.signal.aborted) return
        this.#partner = { status: 'failed' }
        this.#render()
        this.#emit('error', { code: 'partner_unavailable' })
      },
    )
  }

  /** A share link (`#clinic-compare=ID,ID,ID`) opens that comparison. */
  #openShared = () => {
    if (this.#clinics && location.hash.includes(SHARE_KEY)) this.#openCompare(null)
  }

  /** Opens the comparison of `ids`, or of the share link's known clinics when null. */
  #openCompare(ids: string[] | null) {
    loadCompareView().then(
      (chunk) => {
        const chosen = ids ?? chunk.sharedIds(location.hash, this.#clinics ?? [])
        if (chosen.length === 0) return
        this.#emit('compare', { clinicIds: chosen })
        // A link keeps the page's focus and scroll; the button moves focus to the heading.
        this.#focusNext = ids && 'h2'
        this.#chosen = chosen
        this.#chunk = chunk
        this.#view = 'compare'
        this.#retryPart = null
        this.#render()
      },
      () => {
        this.#retryPart = () => this.#openCompare(ids)
        this.#render()
        this.#emit('error', { code: 'compare_unavailable' })
      },
    )
  }

  #go(view: View, focus: string) {
    this.#focusNext = focus
    this.#view = view
    this.#render()
  }

  #toggle = (id: string) => {
    // Ticking a clinic fetches the comparison chunk before it is asked for;
    // if that fails, opening the comparison tries again and says so.
    loadCompareView().catch(() => undefined)
    const list = this.#chosen
    this.#chosen = list.includes(id)
      ? list.filter((x) => x !== id)
      : [...list, id].slice(0, MAX_CLINICS_PER_INQUIRY)
    this.#render()
  }

  /** The chosen clinics still in the list, in the order they were ticked. */
  #picked(): ClinicView[] {
    const clinics = this.#clinics ?? []
    return this.#chosen.flatMap((id) => clinics.find((c) => c.id === id) ?? [])
  }

  #chunkView(picked: ClinicView[]): ChunkView | null {
    const { uid, partner, lang, t, apiBase, host } = this.#props
    const emit = this.#emit
    const ids = picked.map((c) => c.id)
    if (this.#view === 'form') {
      return {
        view: 'form',
        apiBase,
        partner,
        lang,
        clinicIds: ids,
        campaign: host.getAttribute('campaign'),
        title: t.request,
        onSubmitted: (requestId) => emit('submitted', { requestId, clinicIds: ids }),
        onError: (code, status) =>
          emit('error', status === undefined ? { code } : { code, status }),
        onClose: () => this.#go('compare', '.req'),
      }
    }
    return {
      view: 'compare',
      t,
      lang,
      uid,
      clinics: picked,
      rates: this.#rates,
      currency: this.#filters.currency,
      apiBase,
      partner: this.#partner,
      onRemove: this.#toggle,
      onBack: () => this.#go('list', 'h2'),
      onRequest: () => {
        emit('form-open', { clinicIds: ids })
        this.#go('form', 'iframe')
      },
      onRetryPartner: this.#loadPartner,
    }
  }

  #render() {
    const { uid, lang, t } = this.#props
    const picked = this.#picked()
    const showsChunk =
      !this.#failed &&
      this.#clinics !== null &&
      this.#view !== 'list' &&
      this.#chunk !== null &&
      picked.length > 0
    const focus = this.#focusNext
    this.#focusNext = null
    this.#screen.draw(
      {
        uid,
        lang,
        t,
        clinics: this.#clinics,
        rates: this.#rates,
        failed: this.#failed,
        partner: this.#partner,
        filters: this.#filters,
        chosen: this.#chosen,
        view: this.#view,
        chunk: this.#chunk,
        chunkView: showsChunk ? this.#chunkView(picked) : null,
        retryPart: this.#retryPart,
        focus,
      },
      this.#listMoves,
    )
  }

  #listMoves: ListMoves = {
    onFilters: (patch) => {
      this.#filters = { ...this.#filters, ...patch }
      this.#render()
    },
    onToggle: (id) => this.#toggle(id),
    onCompare: () => this.#openCompare(this.#picked().map((c) => c.id)),
    onRetryClinics: () => this.#loadClinics(),
  }
}
