import { MAX_CLINICS_PER_INQUIRY } from '../../../shared/limits.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import type { Lang, Strings } from '../strings.ts'
import { applyFilters, FilterBar, type Filters } from './filters.tsx'
import { ClinicList } from './list.tsx'

export interface ListViewProps {
  t: Strings
  lang: Lang
  uid: string
  clinics: ClinicView[]
  filters: Filters
  onFilters: (next: Filters) => void
  chosen: string[]
  onToggle: (id: string) => void
  onCompare: () => void
}

/** The list: filters, the clinics that match, and the way to the comparison. */
export function ListView(props: ListViewProps) {
  const { t, lang, uid, clinics, filters, chosen } = props
  const shown = applyFilters(clinics, filters)
  const known = chosen.filter((id) => clinics.some((c) => c.id === id))
  return (
    <>
      <h2 tabIndex={-1}>{t.title}</h2>
      <p class="muted">{t.pickHint}</p>
      <FilterBar t={t} id={uid} clinics={clinics} value={filters} onChange={props.onFilters} />
      <p class="muted" role="status">
        {shown.length ? t.count(shown.length) : t.none}
      </p>
      <ClinicList t={t} lang={lang} clinics={shown} chosen={chosen} onToggle={props.onToggle} />
      <div class="bar">
        <p role="status">
          {chosen.length >= MAX_CLINICS_PER_INQUIRY
            ? t.full
            : t.picked(chosen.length, MAX_CLINICS_PER_INQUIRY)}
        </p>
        <button type="button" disabled={known.length === 0} onClick={props.onCompare}>
          {t.compare}
        </button>
      </div>
    </>
  )
}
