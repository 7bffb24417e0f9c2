import type { ComponentChildren, FunctionComponent } from 'preact'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { ClinicView } from '../../shared/schemas/api.ts'
import type { PublicPartner } from '../../shared/schemas/partner.ts'
import { fetchClinics, fetchPartner } from './api.ts'
import { emitter } from './events.ts'
import type { FormProps } from './form/form.tsx'
import type { Lang, Strings } from './strings.ts'
import { NeutralContext } from './ui/context.tsx'
import { applyFilters, FilterBar, type Filters, NO_FILTERS } from './ui/filters.tsx'
import { ClinicList } from './ui/list.tsx'

export interface AppProps {
  host: HTMLElement
  uid: string
  partner: string
  lang: Lang
  t: Strings
  apiBase: string
}

type View = 'list' | 'compare' | 'form'

type CompareProps = Parameters<typeof import('./ui/compare.tsx').Comparison>[0]

/** A chunk loaded once, on first need; a failed load may be tried again. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined
  return () => {
    pending ??= load()
    pending.catch(() => {
      pending = undefined
    })
    return pending
  }
}

// The comparison and the form are separate chunks: first render never pays for them.
const loadCompare = lazy(() => import('./ui/compare.tsx').then((m) => m.Comparison))
const loadForm = lazy(() => import('./form/form.tsx').then((m) => m.InquiryForm))

export function App({ host, uid, partner, lang, t, apiBase }: AppProps) {
  const emit = emitter(host)
  const [clinics, setClinics] = useState<ClinicView[] | null>(null)
  const [failed, setFailed] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const [partnerInfo, setPartnerInfo] = useState<PublicPartner | null | undefined>()
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [chosen, setChosen] = useState<string[]>([])
  const [view, setView] = useState<View>('list')
  const [Form, setForm] = useState<FunctionComponent<FormProps> | null>(null)
  const [Compare, setCompare] = useState<FunctionComponent<CompareProps> | null>(null)
  // Where focus goes after the view changes; null on first render, so the page keeps its focus.
  const focusNext = useRef<string | null>(null)
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    setFailed(false)
    fetchClinics(apiBase).then(
      (list) => {
        if (!live) return
        setClinics(list)
        emit('ready', { partner, lang, clinics: list.length })
      },
      () => {
        if (!live) return
        setFailed(true)
        emit('error', { code: 'clinics_unavailable' })
      },
    )
    return () => {
      live = false
    }
    // `ready` is announced once per load, not on every language switch.
  }, [apiBase, attempt])

  useEffect(() => {
    let live = true
    setPartnerInfo(undefined)
    fetchPartner(apiBase, partner).then(
      (p) => {
        if (!live) return
        setPartnerInfo(p)
        if (!p) emit('error', { code: 'partner_not_found', status: 404 })
      },
      () => live && setPartnerInfo(null),
    )
    return () => {
      live = false
    }
  }, [apiBase, partner])

  // In the same frame as the new view, so focus never rests on a button the view replaced.
  useLayoutEffect(() => {
    const target = focusNext.current
    focusNext.current = null
    if (target) root.current?.querySelector<HTMLElement>(target)?.focus()
  })

  const go = (next: View, focus: string) => {
    focusNext.current = focus
    setView(next)
  }
  const byId = new Map((clinics ?? []).map((c) => [c.id, c]))
  const picked = chosen.flatMap((id) => byId.get(id) ?? [])
  const ids = picked.map((c) => c.id)

  const toggle = (id: string) => {
    // Ticking a clinic fetches the comparison chunk before it is asked for.
    loadCompare()
    setChosen((list) =>
      list.includes(id) ? list.filter((x) => x !== id) : [...list, id].slice(0, 3),
    )
  }
  const openCompare = () => {
    emit('compare', { clinicIds: ids })
    loadForm()
    loadCompare().then(
      (component) => {
        setCompare(() => component)
        go('compare', 'h2')
      },
      () => emit('error', { code: 'compare_unavailable' }),
    )
  }
  const openForm = () => {
    emit('form-open', { clinicIds: ids })
    loadForm().then(
      (component) => {
        setForm(() => component)
        go('form', 'h2')
      },
      () => emit('error', { code: 'form_unavailable' }),
    )
  }

  let body: ComponentChildren
  if (failed) {
    body = (
      <p role="alert">
        {t.loadFailed}{' '}
        <button type="button" class="sec" onClick={() => setAttempt(attempt + 1)}>
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
        emit={emit}
        onClose={() => go('compare', '.req')}
      />
    )
  } else if (view !== 'list' && Compare && picked.length > 0) {
    body = (
      <>
        <h2 tabIndex={-1}>{t.comparison}</h2>
        <Compare t={t} lang={lang} clinics={picked} onRemove={toggle} />
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
        <FilterBar t={t} id={uid} clinics={clinics} value={filters} onChange={setFilters} />
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
  return (
    <div class="w" ref={root} lang={lang}>
      {body}
      {partnerInfo?.showNeutralContext !== false && view !== 'form' && (
        <NeutralContext t={t} id={uid} />
      )}
    </div>
  )
}
