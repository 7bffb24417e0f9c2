import { Component, type ComponentChildren } from 'preact'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import type { ClinicHistory, FieldChange } from '../../../../shared/schemas/history.ts'
import { apiUrl } from '../../common/api-url.ts'
import { formatDate } from '../../common/format.ts'
import type { Lang } from '../../common/strings.ts'
import type { FactId } from './compare-rows.ts'
import type { CompareStrings } from './compare-strings.ts'

// "What changed, and when": below the comparison, closed until asked, so a
// family that does not ask costs no request and no line at 375 px. Opened,
// it reads each clinic's public history (GET /v1/clinics/:id/history).

interface Props {
  t: CompareStrings
  lang: Lang
  uid: string
  base: string
  clinics: ClinicView[]
  labels: Record<FactId, string>
}

type Loaded = ClinicHistory | 'loading' | 'failed'

interface State {
  open: boolean
  histories: Record<string, Loaded>
}

/** The change sets shown per clinic, newest first. */
const SHOWN = 5

/** Record paths by the label families read them under, longest first. */
const FIELDS: [string, FactId][] = [
  ['licences.regenerativeMedicine', 'medLicence'],
  ['licences.stemCellBank', 'bankLicence'],
  ['certificateOfAnalysis', 'coa'],
  ['physicianLedPlan', 'physician'],
  ['facility', 'licenceHolder'],
  ['cellSource', 'cellSource'],
  ['languages', 'languages'],
  ['routes', 'routes'],
  ['rating', 'rating'],
  ['city', 'city'],
]

function shown(value: unknown): string {
  if (value === undefined) return '—'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

function what(change: FieldChange, labels: Record<FactId, string>): string {
  const field = change.field ?? ''
  if (change.record === 'package') return `${labels.prices} (${change.id})${field && `: ${field}`}`
  const known = FIELDS.find(([path]) => field === path || field.startsWith(`${path}.`))
  if (!known) return field
  const rest = field.slice(known[0].length + 1)
  return rest ? `${labels[known[1]]}: ${rest}` : labels[known[1]]
}

export class Changes extends Component<Props, State> {
  override state: State = { open: false, histories: {} }

  #toggle = () => {
    const open = !this.state.open
    this.setState({ open })
    if (open) for (const c of this.props.clinics) this.#load(c.id)
  }

  #load(id: string) {
    const known = this.state.histories[id]
    if (known && known !== 'failed') return
    const set = (loaded: Loaded) =>
      this.setState(({ histories }) => ({ histories: { ...histories, [id]: loaded } }))
    set('loading')
    fetch(apiUrl(this.props.base, `v1/clinics/${encodeURIComponent(id)}/history`))
      .then((r) => (r.ok ? (r.json() as Promise<ClinicHistory>) : Promise.reject(r.status)))
      .then(set, () => set('failed'))
  }

  override render() {
    const { t, lang, uid, clinics, labels } = this.props
    const { open, histories } = this.state
    return (
      <section class="qs hs" aria-labelledby={`${uid}c`}>
        <h3 id={`${uid}c`}>
          <button
            type="button"
            class="gt"
            aria-expanded={open}
            aria-controls={`${uid}cb`}
            onClick={this.#toggle}
          >
            {t.changesTitle}
          </button>
        </h3>
        <div id={`${uid}cb`} class="qb" hidden={!open} aria-live="polite">
          {clinics.map((c) => {
            const history = histories[c.id]
            let body: ComponentChildren = <p class="muted">{t.historyLoading}</p>
            if (history === 'failed') body = <p class="warn">{t.historyFailed}</p>
            else if (history && history !== 'loading') {
              const [last] = history.changeSets
              body = last ? (
                <>
                  <p>{t.lastChanged(formatDate(last.publishedAt.slice(0, 10), lang))}</p>
                  <ul class="plain">
                    {history.changeSets.slice(0, SHOWN).flatMap((set) =>
                      set.changes.map((change, i) => (
                        <li key={`${set.publishedAt}${i}`}>
                          <span class="muted">
                            {formatDate(set.publishedAt.slice(0, 10), lang)}:
                          </span>{' '}
                          {what(change, labels)}:{' '}
                          {change.kind === 'changed'
                            ? `${shown(change.before)} → ${shown(change.after)}`
                            : t.recordKind[change.kind]}
                        </li>
                      )),
                    )}
                  </ul>
                </>
              ) : (
                <p class="muted">{t.noChanges}</p>
              )
            }
            return (
              <div key={c.id} class="hc">
                <h4>{c.name}</h4>
                {body}
              </div>
            )
          })}
        </div>
      </section>
    )
  }
}
