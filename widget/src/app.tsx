import { Component, type ComponentChildren, createRef } from 'preact'
import { MAX_CLINICS_PER_INQUIRY } from '../../shared/limits.ts'
import type { ClinicView } from '../../shared/schemas/api.ts'
import { fetchClinics, fetchPartner } from './api.ts'
import { loadCompareView } from './compare-chunk.ts'
import { type Emit, emitter } from './events.ts'
import { type PartnerState, showsNeutralContext } from './partner-state.ts'
import type { Lang, Strings } from './strings.ts'
import { NeutralContext } from './ui/context.tsx'
import { type Filters, NO_FILTERS } from './ui/filters.tsx'
import { ListView } from './ui/list-view.tsx'
import { SHARE_KEY } from './ui/share-key.ts'
import { Unavailable } from './ui/unavailable.tsx'

export interface AppProps {
  host: HTMLElement
  uid: string
  partner: string
  lang: Lang
  t: Strings
  apiBase: string
}

type View = 'list' | 'compare' | 'form'

type CompareChunk = Awaited<ReturnType<typeof loadCompareView>>

interface State {
  clinics: ClinicView[] | null
  failed: boolean
  partner: PartnerState
  filters: Filters
  chosen: string[]
  view: View
  Compare: CompareChunk | null
  /** The comparison chunk did not load: how to try again. */
  retryPart: (() => void) | null
}

/**
 * The widget's state and its moves between the list, the comparison and the
 * request form's frame. A class component: first render then ships without
 * preact/hooks (about 0.9 KB gzip); the loads and the focus move live in the
 * lifecycle methods. Each view is its own module (ui/list-view.tsx,
 * ui/compare-view.tsx).
 */
export class App extends Component<AppProps, State> {
  override state: State = {
    clinics: null,
    failed: false,
    partner: { status: 'loading' },
    filters: NO_FILTERS,
    chosen: [],
    view: 'list',
    Compare: null,
    retryPart: null,
  }
  // Where focus goes after the view changes; null on first render, so the page keeps its focus.
  #focusNext: string | null = null
  #root = createRef<HTMLDivElement>()
  // Each load is numbered: an answer to an older one (another api-base or partner) is dropped.
  #clinicsLoad = 0
  #partnerLoad = 0
  // Each load's requests stop when a newer load replaces it or the element is removed.
  #clinicsAbort = new AbortController()
  #partnerAbort = new AbortController()

  #emit: Emit = (name, detail) => emitter(this.props.host)(name, detail)

  override componentDidMount() {
    this.#loadClinics()
    this.#loadPartner()
    addEventListener('hashchange', this.#openShared)
    // A share link's comparison chunk loads alongside the clinics, not after them.
    if (location.hash.includes(SHARE_KEY)) loadCompareView().catch(() => undefined)
  }

  override componentDidUpdate(prev: AppProps) {
    const { apiBase, partner } = this.props
    if (prev.apiBase !== apiBase) this.#loadClinics()
    if (prev.apiBase !== apiBase || prev.partner !== partner) this.#loadPartner()
    // After the commit, in the same frame as the new view.
    const target = this.#focusNext
    this.#focusNext = null
    if (target) this.#root.current?.querySelector<HTMLElement>(target)?.focus()
  }

  override componentWillUnmount() {
    removeEventListener('hashchange', this.#openShared)
    this.#clinicsLoad++
    this.#partnerLoad++
    this.#clinicsAbort.abort()
    this.#partnerAbort.abort()
  }

  // `ready` is announced once per load, not on every language switch.
  #loadClinics() {
    const load = ++this.#clinicsLoad
    const { apiBase, partner, lang } = this.props
    this.#clinicsAbort.abort()
    this.#clinicsAbort = new AbortController()
    this.setState({ failed: false })
    fetchClinics(apiBase, this.#clinicsAbort.signal).then(
      (clinics) => {
        if (load !== this.#clinicsLoad) return
        this.setState({ clinics }, this.#openShared)
        this.#emit('ready', { partner, lang, clinics: clinics.length })
      },
      () => {
        if (load !== this.#clinicsLoad) return
        this.setState({ failed: true })
        this.#emit('error', { code: 'clinics_unavailable' })
      },
    )
  }

  #loadPartner = () => {
    const load = ++this.#partnerLoad
    const { apiBase, partner } = this.props
    this.#partnerAbort.abort()
    this.#partnerAbort = new AbortController()
    this.setState({ partner: { status: 'loading' } })
    fetchPartner(apiBase, partner, this.#partnerAbort.signal).then(
      (found) => {
        if (load !== this.#partnerLoad) return
        this.setState({
          partner: found ? { status: 'ok', partner: found } : { status: 'inactive' },
        })
        if (!found) this.#emit('error', { code: 'partner_not_found', status: 404 })
      },
      () => {
        if (load !== this.#partnerLoad || this.#partnerAbort.signal.aborted) return
        this.setState({ partner: { status: 'failed' } })
        this.#emit('error', { code: 'partner_unavailable' })
      },
    )
  }

  /** A share link (`#clinic-compare=ID,ID,ID`) opens that comparison. */
  #openShared = () => {
    if (this.state.clinics && location.hash.includes(SHARE_KEY)) this.#openCompare(null)
  }

  /** Opens the comparison of `ids`, or of the share link's known clinics when null. */
  #openCompare(ids: string[] | null) {
    loadCompareView().then(
      (chunk) => {
        const chosen = ids ?? chunk.sharedIds(location.hash, this.state.clinics ?? [])
        if (chosen.length === 0) return
        this.#emit('compare', { clinicIds: chosen })
        // A link keeps the page's focus and scroll; the button moves focus to the heading.
        this.#focusNext = ids && 'h2'
        this.setState({ chosen, Compare: chunk, view: 'compare', retryPart: null })
      },
      () => {
        this.setState({ retryPart: () => this.#openCompare(ids) })
        this.#emit('error', { code: 'compare_unavailable' })
      },
    )
  }

  #go(view: View, focus: string) {
    this.#focusNext = focus
    this.setState({ view })
  }

  #toggle = (id: string) => {
    // Ticking a clinic fetches the comparison chunk before it is asked for;
    // if that fails, opening the comparison tries again and says so.
    loadCompareView().catch(() => undefined)
    this.setState(({ chosen: list }) => ({
      chosen: list.includes(id)
        ? list.filter((x) => x !== id)
        : [...list, id].slice(0, MAX_CLINICS_PER_INQUIRY),
    }))
  }

  override render() {
    const { uid, partner, lang, t, apiBase, host } = this.props
    const { clinics, failed, filters, chosen, view, Compare, retryPart } = this.state
    const emit = this.#emit
    const byId = new Map((clinics ?? []).map((c) => [c.id, c]))
    const picked = chosen.flatMap((id) => byId.get(id) ?? [])
    const ids = picked.map((c) => c.id)

    let body: ComponentChildren
    if (failed) {
      body = (
        <p role="alert">
          {t.loadFailed}{' '}
          <button type="button" class="sec" onClick={() => this.#loadClinics()}>
            {t.retry}
          </button>
        </p>
      )
    } else if (!clinics) {
      body = <p role="status">{t.loading}</p>
    } else if (view === 'form' && Compare && picked.length > 0) {
      body = (
        <Compare.RequestFrame
          apiBase={apiBase}
          partner={partner}
          lang={lang}
          clinicIds={ids}
          campaign={host.getAttribute('campaign')}
          title={t.request}
          onSubmitted={(requestId) => emit('submitted', { requestId, clinicIds: ids })}
          onError={(code, status) =>
            emit('error', status === undefined ? { code } : { code, status })
          }
          onClose={() => this.#go('compare', '.req')}
        />
      )
    } else if (view !== 'list' && Compare && picked.length > 0) {
      body = (
        <Compare.CompareView
          t={t}
          lang={lang}
          uid={uid}
          clinics={picked}
          partner={this.state.partner}
          onRemove={this.#toggle}
          onBack={() => this.#go('list', 'h2')}
          onRequest={() => {
            emit('form-open', { clinicIds: ids })
            this.#go('form', 'iframe')
          }}
          onRetryPartner={this.#loadPartner}
        />
      )
    } else {
      body = (
        <ListView
          t={t}
          lang={lang}
          uid={uid}
          clinics={clinics}
          filters={filters}
          onFilters={(next) => this.setState({ filters: next })}
          chosen={chosen}
          onToggle={this.#toggle}
          onCompare={() => this.#openCompare(ids)}
        />
      )
    }
    return (
      <div class={clinics || failed ? 'w' : 'w busy'} ref={this.#root} lang={lang}>
        {retryPart && <Unavailable lang={lang} onRetry={retryPart} />}
        {body}
        {showsNeutralContext(this.state.partner) && view !== 'form' && (
          <NeutralContext t={t} id={uid} />
        )}
      </div>
    )
  }
}
