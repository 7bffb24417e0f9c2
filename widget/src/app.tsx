import { Component, type ComponentChildren, type ComponentType, createRef } from 'preact'
import type { ClinicView } from '../../shared/schemas/api.ts'
import type { PublicPartner } from '../../shared/schemas/partner.ts'
import { fetchClinics, fetchPartner } from './api.ts'
import { lazyChunk } from './chunks.ts'
import { type Emit, emitter } from './events.ts'
import type { FormProps } from './form/form.tsx'
import type { Lang, Strings } from './strings.ts'
import { NeutralContext } from './ui/context.tsx'
import { applyFilters, FilterBar, type Filters, NO_FILTERS } from './ui/filters.tsx'
import { ClinicList } from './ui/list.tsx'
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

type Compare = typeof import('./ui/compare.tsx').Comparison

interface State {
  clinics: ClinicView[] | null
  failed: boolean
  partnerInfo: PublicPartner | null | undefined
  filters: Filters
  chosen: string[]
  view: View
  Form: ComponentType<FormProps> | null
  Compare: Compare | null
  /** A chunk (comparison, form) did not load: how to try again. */
  retryPart: (() => void) | null
}

// The comparison and the form are separate chunks: first render never pays for them.
const loadCompare = lazyChunk('compare', () => import('./ui/compare.tsx'))
const loadForm = lazyChunk('form', () => import('./form/form.tsx'))

/**
 * A class component: first render then ships without preact/hooks (about
 * 0.9 KB gzip); the loads and the focus move live in the lifecycle methods.
 */
export class App extends Component<AppProps, State> {
  override state: State = {
    clinics: null,
    failed: false,
    partnerInfo: undefined,
    filters: NO_FILTERS,
    chosen: [],
    view: 'list',
    Form: null,
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
    if (location.hash.includes(SHARE_KEY)) loadCompare().catch(() => undefined)
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

  /** A share link (`#clinic-compare=ID,ID,ID`) opens that comparison. */
  #openShared = () => {
    if (this.state.clinics && location.hash.includes(SHARE_KEY)) this.#openCompare(null)
  }

  /** Opens the comparison of `ids`, or of the share link's known clinics when null. */
  #openCompare(ids: string[] | null) {
    loadForm().catch(() => undefined)
    loadCompare().then(
      ({ Comparison, sharedIds }) => {
        const chosen = ids ?? sharedIds(location.hash, this.state.clinics ?? [])
        if (chosen.length === 0) return
        this.#emit('compare', { clinicIds: chosen })
        // A link keeps the page's focus and scroll; the button moves focus to the heading.
        this.#focusNext = ids && 'h2'
        this.setState({ chosen, Compare: Comparison, view: 'compare', retryPart: null })
      },
      () => {
        this.setState({ retryPart: () => this.#openCompare(ids) })
        this.#emit('error', { code: 'compare_unavailable' })
      },
    )
  }

  #loadPartner() {
    const load = ++this.#partnerLoad
    const { apiBase, partner } = this.props
    this.#partnerAbort.abort()
    this.#partnerAbort = new AbortController()
    this.setState({ partnerInfo: undefined })
    fetchPartner(apiBase, partner, this.#partnerAbort.signal).then(
      (partnerInfo) => {
        if (load !== this.#partnerLoad) return
        this.setState({ partnerInfo })
        if (!partnerInfo) this.#emit('error', { code: 'partner_not_found', status: 404 })
      },
      () => load === this.#partnerLoad && this.setState({ partnerInfo: null }),
    )
  }

  override render() {
    const { uid, partner, lang, t, apiBase } = this.props
    const { clinics, failed, partnerInfo, filters, chosen, view, Form, Compare } = this.state
    const emit = this.#emit
    const go = (next: View, focus: string) => {
      this.#focusNext = focus
      this.setState({ view: next })
    }
    const byId = new Map((clinics ?? []).map((c) => [c.id, c]))
    const picked = chosen.flatMap((id) => byId.get(id) ?? [])
    const ids = picked.map((c) => c.id)

    const toggle = (id: string) => {
      // Ticking a clinic fetches the comparison chunk before it is asked for;
      // if that fails, opening the comparison tries again and says so.
      loadCompare().catch(() => undefined)
      this.setState(({ chosen: list }) => ({
        chosen: list.includes(id) ? list.filter((x) => x !== id) : [...list, id].slice(0, 3),
      }))
    }
    const failedPart = (code: string, retry: () => void) => () => {
      this.setState({ retryPart: retry })
      emit('error', { code })
    }
    const openCompare = () => this.#openCompare(ids)
    const openForm = () => {
      emit('form-open', { clinicIds: ids })
      loadForm().then(
        ({ InquiryForm }) => {
          this.setState({ Form: InquiryForm, retryPart: null })
          go('form', 'h2')
        },
        failedPart('form_unavailable', openForm),
      )
    }

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
    } else if (view === 'form' && Form && picked.length > 0) {
      body = (
        <Form
          lang={lang}
          partner={partner}
          clinics={picked}
          apiBase={apiBase}
          campaign={this.props.host.getAttribute('campaign')}
          emit={emit}
          onClose={() => go('compare', '.req')}
        />
      )
    } else if (view !== 'list' && Compare && picked.length > 0) {
      body = (
        <>
          <h2 tabIndex={-1}>{t.comparison}</h2>
          <Compare t={t} lang={lang} uid={uid} clinics={picked} onRemove={toggle} />
          <div class="bar">
            <button type="button" class="sec" onClick={() => go('list', 'h2')}>
              {t.back}
            </button>
            {partnerInfo ? (
              <button type="button" class="req" onClick={openForm}>
                {t.request}
              </button>
            ) : (
              partnerInfo === null && <p>{t.partnerInactive}</p>
            )}
          </div>
        </>
      )
    } else {
      const shown = applyFilters(clinics, filters)
      body = (
        <>
          <h2 tabIndex={-1}>{t.title}</h2>
          <p class="muted">{t.pickHint}</p>
          <FilterBar
            t={t}
            id={uid}
            clinics={clinics}
            value={filters}
            onChange={(next) => this.setState({ filters: next })}
          />
          <p class="muted" role="status">
            {shown.length ? t.count(shown.length) : t.none}
          </p>
          <ClinicList t={t} lang={lang} clinics={shown} chosen={chosen} onToggle={toggle} />
          <div class="bar">
            <p role="status">{chosen.length >= 3 ? t.full : t.picked(chosen.length)}</p>
            <button type="button" disabled={picked.length === 0} onClick={openCompare}>
              {t.compare}
            </button>
          </div>
        </>
      )
    }
    const { retryPart } = this.state
    return (
      <div class={clinics || failed ? 'w' : 'w busy'} ref={this.#root} lang={lang}>
        {retryPart && <Unavailable lang={lang} onRetry={retryPart} />}
        {body}
        {partnerInfo?.showNeutralContext !== false && view !== 'form' && (
          <NeutralContext t={t} id={uid} />
        )}
      </div>
    )
  }
}
