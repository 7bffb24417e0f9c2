import type { ComponentChildren } from 'preact'
import type { WarningCode } from '../../../shared/rules/warnings.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import type { Licence } from '../../../shared/schemas/clinic.ts'
import { formatPrice } from '../format.ts'
import type { Lang, Strings } from '../strings.ts'
import { adoptSheet } from '../styles.ts'
import css from './compare.css'
import { type CompareStrings, compareStrings } from './compare-strings.ts'
import { formatAgo, formatDate, formatDecimal, formatPercent, languageNames } from './facts.ts'

interface Props {
  t: Strings
  lang: Lang
  clinics: ClinicView[]
  onRemove: (id: string) => void
}

function LicenceCell({
  t,
  lang,
  licence,
}: {
  t: CompareStrings
  lang: Lang
  licence: Licence | null
}) {
  if (!licence) return <strong class="warn">{t.noLicence}</strong>
  return (
    <>
      <strong>{licence.number}</strong>
      <br />
      {t.holder}: {licence.holderName}
      <br />
      {licence.address}
      <br />
      <span class="muted">
        {t.verified(formatAgo(licence.verifiedAt, lang), formatDate(licence.verifiedAt, lang))}
      </span>
    </>
  )
}

/** The facts of up to three clinics side by side: one row per fact, one column per clinic. */
export function Comparison({ t: list, lang, clinics, onRemove }: Props) {
  const t = compareStrings(lang)
  const words = (code: WarningCode, c: ClinicView) =>
    code === 'viability'
      ? t.w.viability(formatPercent(c.certificateOfAnalysis.minViabilityPercent ?? 0, lang))
      : t.w[code]
  const row = (label: string, cell: (c: ClinicView) => ComponentChildren) => (
    <tr>
      <th scope="row">{label}</th>
      {clinics.map((c) => (
        <td key={c.id}>{cell(c)}</td>
      ))}
    </tr>
  )
  return (
    <table class={`n${clinics.length}`} ref={(el) => adoptSheet(el, css)}>
      <caption class="vh">{list.comparison}</caption>
      <thead>
        <tr>
          <td class="corner" />
          {clinics.map((c) => (
            <th scope="col" key={c.id}>
              {c.name}
              {c.sample && ' '}
              {c.sample && <span class="badge">{list.sample}</span>}
              <br />
              <button type="button" class="sec" onClick={() => onRemove(c.id)}>
                <span aria-hidden="true">×</span>
                <span class="vh">{t.remove(c.name)}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row(t.warnings, (c) => {
          const warnings = c.warnings.map((code) => words(code, c))
          return warnings.length === 0 ? (
            <span class="ok">{t.noWarnings}</span>
          ) : (
            <ul class="warns">
              {warnings.map((w) => (
                <li class="warn" key={w}>
                  {w}
                </li>
              ))}
            </ul>
          )
        })}
        {row(list.city, (c) => c.city)}
        {row(t.medLicence, (c) => (
          <LicenceCell t={t} lang={lang} licence={c.licences.regenerativeMedicine} />
        ))}
        {row(t.bankLicence, (c) => (
          <LicenceCell t={t} lang={lang} licence={c.licences.stemCellBank} />
        ))}
        {row(t.routes, (c) => c.routes.map((r) => list[r]).join(', '))}
        {row(t.cellSource, (c) => t[c.cellSource])}
        {row(t.coa, ({ certificateOfAnalysis: coa }) =>
          coa.provided
            ? t.coaYes(
                coa.minViabilityPercent === null
                  ? t.notStated
                  : `≥ ${formatPercent(coa.minViabilityPercent, lang)}`,
                coa.sterilityTested,
              )
            : t.coaNo,
        )}
        {row(t.prices, (c) => (
          <ul>
            {c.packages.map((p) => (
              <li key={p.id}>
                {p.name}: {formatPrice(p, lang)}
              </li>
            ))}
          </ul>
        ))}
        {row(t.physician, (c) => (c.physicianLedPlan ? t.yes : t.no))}
        {row(t.languages, (c) => languageNames(c.languages, lang))}
        {row(t.rating, (c) =>
          c.rating
            ? t.ratingValue(formatDecimal(c.rating.value, lang), c.rating.count)
            : t.noRating,
        )}
      </tbody>
    </table>
  )
}
