import { Component, type ComponentChildren, createRef } from 'preact'
import {
  priceIn,
  RATE_MAX_AGE_DAYS,
  type RateFacts,
  rateFor,
} from '../../../../shared/rules/rates.ts'
import type { WarningCode } from '../../../../shared/rules/warnings.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import type { Licence } from '../../../../shared/schemas/clinic.ts'
import { describeRate, formatApprox, formatDate, formatPrice } from '../../common/format.ts'
import type { Lang, Strings } from '../../common/strings.ts'
import { adoptSheet } from '../../common/styles.ts'
import css from './compare.css'
import {
  FACT_COUNT,
  FACT_GROUPS,
  type FactId,
  type GroupId,
  licenceHolders,
  sameFacts,
} from './compare-rows.ts'
import { type CompareStrings, compareStrings } from './compare-strings.ts'
import { formatDecimal, formatPercent, languageNames } from './facts.ts'
import { Changes } from './history.tsx'
import { type CheckedEntry, HowButton, HowPanel } from './how-checked.tsx'
import { clinicQuestions, type QuestionCode } from './questions.ts'
import { shareUrl } from './share.ts'

export { sharedIds } from './share.ts'

interface Props {
  t: Strings
  lang: Lang
  uid: string
  clinics: ClinicView[]
  rates: readonly RateFacts[]
  /** The family's currency: prices in others also show converted into it. */
  currency: string
  /** The Worker's origin, for a clinic's change history. */
  base: string
  onRemove: (id: string) => void
}

interface State {
  closed: GroupId[]
  onlyDiff: boolean
  questionsOpen: boolean
  /** The groups whose "How we checked this" panels are open. */
  checks: GroupId[]
  /** What the live region says: the differences toggle and the share link report here. */
  status: string
  link: string
  /** When the page was last printed (or shown): the printout carries this date. */
  printedAt: number
}

/**
 * A clinic's packages, each in its own currency and, where a fresh rate
 * converts it, about what it is in the family's. The rates themselves are
 * said once for the comparison (RateNotes).
 */
function Prices(props: {
  lang: Lang
  rates: readonly RateFacts[]
  clinic: ClinicView
  to: string
}) {
  const { lang, rates, clinic, to } = props
  return (
    <ul class="plain">
      {clinic.packages.map((p) => {
        const price = p.currency === to ? undefined : priceIn(rates, p, to)
        return (
          <li key={p.id}>
            {p.name}: <span class="nw">{formatPrice(p, lang)}</span>
            {price && <span class="cv muted">{formatApprox(price, to, lang)}</span>}
          </li>
        )
      })}
    </ul>
  )
}

/** Each rate the compared prices rest on, with its source and date, or that it is stale and unused. */
function RateNotes(props: {
  t: CompareStrings
  list: Strings
  lang: Lang
  rates: readonly RateFacts[]
  clinics: readonly ClinicView[]
  to: string
  cols: number
}) {
  const { t, list, lang, rates, clinics, to, cols } = props
  const used = new Set<RateFacts>()
  for (const c of clinics) {
    for (const p of c.packages) {
      const rate = p.currency === to ? undefined : rateFor(rates, p.currency, to)
      if (rate) used.add(rate)
    }
  }
  return [...used].map((rate) => (
    <tr key={rate.id} class="rn">
      <td colSpan={cols} class={rate.stale ? 'warn' : 'muted'}>
        {rate.stale
          ? t.staleRate(
              rate.base === to ? rate.quote : rate.base,
              formatDate(rate.date, lang),
              RATE_MAX_AGE_DAYS,
            )
          : t.atRate(describeRate(rate, list.per, lang))}
      </td>
    </tr>
  ))
}

/** The kind in plain words and the number; when and how it was checked is one click away. */
function LicenceCell({ t, licence }: { t: CompareStrings; licence: Licence | null }) {
  if (!licence) return <strong class="warn">{t.noLicence}</strong>
  const permit = licence.kind === 'licencia-sanitaria'
  return (
    <>
      <span class={permit ? undefined : 'warn'}>{permit ? t.permitShort : t.avisoShort}</span>{' '}
      <strong>{licence.number}</strong>
    </>
  )
}

/**
 * The facts of up to three clinics: a table of one row per fact and one
 * column per clinic, grouped in collapsible row groups; on a phone each
 * fact's label takes its own line above the values and the names stay in
 * sight. Then the questions to ask each clinic; print and share links.
 */
export class Comparison extends Component<Props, State> {
  override state: State = {
    closed: [],
    onlyDiff: false,
    questionsOpen: false,
    checks: [],
    status: '',
    link: '',
    printedAt: Date.now(),
  }
  #link = createRef<HTMLInputElement>()
  #stamp = () => this.setState({ printedAt: Date.now() })

  override componentDidMount() {
    // The browser's own print dates the page too, not only the button.
    addEventListener('beforeprint', this.#stamp)
  }

  override componentWillUnmount() {
    removeEventListener('beforeprint', this.#stamp)
  }

  #print = () => {
    this.setState({ printedAt: Date.now() }, () => print())
  }

  #share = () => {
    const t = compareStrings(this.props.lang)
    const link = shareUrl(
      location.href,
      this.props.clinics.map((c) => c.id),
    )
    const say = (status: string) => this.setState({ status })
    this.setState({ link, status: '' }, () => this.#link.current?.select())
    // The clipboard needs a secure context and the page's permission; the field stays either way.
    const copy = navigator.clipboard?.writeText(link) ?? Promise.reject(new Error('no clipboard'))
    copy.then(
      () => say(t.copied),
      () => say(t.copyByHand),
    )
  }

  #toggleGroup(id: GroupId) {
    this.setState(({ closed }) => ({
      closed: closed.includes(id) ? closed.filter((g) => g !== id) : [...closed, id],
    }))
  }

  #toggleCheck(group: GroupId) {
    this.setState(({ checks }) => ({
      checks: checks.includes(group) ? checks.filter((k) => k !== group) : [...checks, group],
    }))
  }

  #toggleDiff(on: boolean, same: Set<FactId>) {
    const t = compareStrings(this.props.lang)
    let status = t.diffOff
    if (on) {
      status = same.size === FACT_COUNT ? t.diffNone : t.diffOn(FACT_COUNT - same.size, same.size)
    }
    this.setState({ onlyDiff: on, status })
  }

  override render() {
    const { t: list, lang, uid, clinics, rates, currency, base, onRemove } = this.props
    const { closed, onlyDiff, questionsOpen, checks, status, link, printedAt } = this.state
    const t = compareStrings(lang)
    // The Worker computes them with the one rule in shared/rules/warnings.ts.
    const warnings = (c: ClinicView) => c.warnings
    const same = sameFacts(clinics, warnings)
    // When every fact is the same, hiding them all would leave nothing: all stay.
    const hidden = (fact: FactId) => onlyDiff && same.has(fact) && same.size < FACT_COUNT
    const viability = (c: ClinicView) =>
      formatPercent(c.certificateOfAnalysis.minViabilityPercent ?? 0, lang)
    const warning = (code: WarningCode, c: ClinicView) =>
      code === 'viability' ? t.w.viability(viability(c)) : t.w[code]
    const question = (code: QuestionCode, c: ClinicView) =>
      code === 'viability' ? t.q.viability(viability(c)) : t.q[code]

    const labels: Record<FactId, string> = {
      warnings: t.warnings,
      medLicence: t.medLicence,
      bankLicence: t.bankLicence,
      licenceHolder: t.licenceHolder,
      routes: t.routes,
      cellSource: t.cellSource,
      physician: t.physician,
      coa: t.coa,
      prices: t.prices,
      city: list.city,
      languages: t.languages,
      rating: t.rating,
    }
    const cell = (fact: FactId, c: ClinicView): ComponentChildren => {
      switch (fact) {
        case 'warnings': {
          const codes = warnings(c)
          if (codes.length === 0) return <span class="ok">{t.noWarnings}</span>
          return (
            <ul class="warns">
              {codes.map((code) => (
                <li class="warn" key={code}>
                  {warning(code, c)}
                </li>
              ))}
            </ul>
          )
        }
        case 'medLicence':
          return <LicenceCell t={t} licence={c.licences.regenerativeMedicine} />
        case 'bankLicence':
          return <LicenceCell t={t} licence={c.licences.stemCellBank} />
        case 'licenceHolder': {
          const holders = licenceHolders(c)
          if (holders.length === 0) return <span class="warn">{t.noLicence}</span>
          return holders.map((h) => (
            <p class="hold" key={h.holderName + h.address}>
              {h.holderName}
              <br />
              <span class="muted">{h.address}</span>
            </p>
          ))
        }
        case 'routes':
          return c.routes.map((r) => list[r]).join(', ')
        case 'cellSource':
          return t[c.cellSource]
        case 'physician':
          return c.physicianLedPlan ? t.yes : t.no
        case 'coa': {
          const coa = c.certificateOfAnalysis
          if (!coa.provided) return <span class="warn">{t.coaNo}</span>
          const viability =
            coa.minViabilityPercent === null
              ? t.notStated
              : `≥ ${formatPercent(coa.minViabilityPercent, lang)}`
          return t.coaYes(viability, coa.sterilityTested)
        }
        case 'prices':
          return <Prices lang={lang} rates={rates} clinic={c} to={currency} />
        case 'city':
          return c.city
        case 'languages':
          return languageNames(c.languages, lang)
        case 'rating':
          return c.rating
            ? t.ratingValue(formatDecimal(c.rating.value, lang), c.rating.count)
            : t.noRating
      }
    }

    const kindOf = (l: Licence) =>
      l.kind === 'licencia-sanitaria' ? `${t.permit} (${t.procedure(l.procedure)})` : t.aviso
    const licenceEntry = (fact: string, l: Licence | null): CheckedEntry[] =>
      l ? [{ fact, kind: kindOf(l), provenance: l.provenance }] : []
    /** What "How we checked this" shows for a fact of a clinic; nothing for unverified facts. */
    const checked = (fact: FactId, c: ClinicView): CheckedEntry[] => {
      switch (fact) {
        case 'medLicence':
          return licenceEntry('licences.regenerativeMedicine', c.licences.regenerativeMedicine)
        case 'bankLicence':
          return licenceEntry('licences.stemCellBank', c.licences.stemCellBank)
        case 'licenceHolder':
          return [{ fact: 'facility', title: t.facility, provenance: c.facility.provenance }]
        case 'coa':
          return [{ fact: 'certificateOfAnalysis', provenance: c.certificateOfAnalysis.provenance }]
        case 'prices':
          return c.packages.map((p) => ({
            fact: `packages.${p.id}`,
            title: p.name,
            provenance: p.provenance,
          }))
        case 'rating':
          return c.rating ? [{ fact: 'rating', provenance: c.rating.provenance }] : []
        default:
          return []
      }
    }
    const panelId = (fact: FactId, c: ClinicView) => `${uid}h-${fact}-${c.id}`
    /** One button per group of facts, in its heading: it opens the panel beside each fact. */
    const howButton = (group: (typeof FACT_GROUPS)[number]) => {
      const panels = group.facts.flatMap((fact: FactId) =>
        clinics.filter((c) => checked(fact, c).length > 0).map((c) => panelId(fact, c)),
      )
      if (panels.length === 0) return null
      return (
        <HowButton
          t={t}
          label={t.groups[group.id]}
          panels={panels}
          open={checks.includes(group.id)}
          onToggle={() => this.#toggleCheck(group.id)}
        />
      )
    }

    const cols = clinics.length + 1
    return (
      <div class={`cmp n${clinics.length}`} ref={(el) => adoptSheet(el, css)}>
        <div class="tools">
          {clinics.length > 1 && (
            <label class="opt">
              <input
                type="checkbox"
                checked={onlyDiff}
                onChange={(e) => this.#toggleDiff(e.currentTarget.checked, same)}
              />
              {t.onlyDiff}
            </label>
          )}
          <button type="button" class="sec" onClick={this.#print}>
            {t.print}
          </button>
          <button type="button" class="sec" onClick={this.#share}>
            {t.share}
          </button>
        </div>
        {link && (
          <p class="link">
            <label class="f">
              {t.shareLabel}
              <input
                ref={this.#link}
                readOnly
                value={link}
                onFocus={(e) => e.currentTarget.select()}
              />
            </label>
          </p>
        )}
        <p role="status" class="st">
          {status}
        </p>
        <p class="printed">
          {t.printedOn(
            new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(printedAt)),
          )}
        </p>
        <table>
          <caption class="vh">{list.comparison}</caption>
          <thead>
            <tr class="names">
              <td class="corner" />
              {clinics.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
            <tr class="acts">
              <td class="corner" />
              {clinics.map((c) => (
                <td key={c.id}>
                  {c.sample && <span class="badge">{list.sample}</span>}
                  <button type="button" class="sec rm" onClick={() => onRemove(c.id)}>
                    <span aria-hidden="true">×</span>
                    <span class="vh">{t.remove(c.name)}</span>
                  </button>
                </td>
              ))}
            </tr>
          </thead>
          {FACT_GROUPS.map((group) => {
            const open = !closed.includes(group.id)
            const one = group.facts.length === 1
            const allHidden = group.facts.every(hidden)
            const classes = [open ? '' : 'closed', allHidden ? 'same' : ''].join(' ').trim()
            return (
              <tbody key={group.id} class={classes || undefined}>
                <tr class="gh">
                  <th scope="rowgroup" colSpan={cols}>
                    <div class="ghr">
                      <button
                        type="button"
                        class="gt"
                        aria-expanded={open}
                        onClick={() => this.#toggleGroup(group.id)}
                      >
                        {t.groups[group.id]}
                      </button>
                      {howButton(group)}
                    </div>
                  </th>
                </tr>
                {group.facts.map((fact) => (
                  <tr key={fact} class={hidden(fact) ? 'fact same' : 'fact'}>
                    {/* A group of one fact is its own label: the heading above says it. */}
                    <th scope="row" class={one ? 'one' : undefined}>
                      {labels[fact]}
                    </th>
                    {clinics.map((c) => (
                      <td key={c.id}>
                        {cell(fact, c)}
                        {checked(fact, c).length > 0 && (
                          <HowPanel
                            t={t}
                            lang={lang}
                            id={panelId(fact, c)}
                            entries={checked(fact, c)}
                            operators={c.operators}
                            open={checks.includes(group.id)}
                          />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
                {group.id === 'prices' && (
                  <RateNotes
                    t={t}
                    list={list}
                    lang={lang}
                    rates={rates}
                    clinics={clinics}
                    to={currency}
                    cols={cols}
                  />
                )}
              </tbody>
            )
          })}
        </table>
        <section class="qs" aria-labelledby={`${uid}q`}>
          <h3 id={`${uid}q`}>
            <button
              type="button"
              class="gt"
              aria-expanded={questionsOpen}
              aria-controls={`${uid}qb`}
              onClick={() => this.setState({ questionsOpen: !questionsOpen })}
            >
              {t.questionsTitle}
            </button>
          </h3>
          <div id={`${uid}qb`} class="qb" hidden={!questionsOpen}>
            <p class="muted">{t.questionsHint}</p>
            {clinics.map((c) => (
              <div key={c.id} class="qc">
                <h4>{c.name}</h4>
                <ol>
                  {clinicQuestions(c, warnings(c)).map((code) => (
                    <li key={code}>{question(code, c)}</li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        </section>
        <Changes t={t} lang={lang} uid={uid} base={base} clinics={clinics} labels={labels} />
      </div>
    )
  }
}
