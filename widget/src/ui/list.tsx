import { MAX_CLINICS_PER_INQUIRY } from '../../../shared/limits.ts'
import type { ClinicView } from '../../../shared/schemas/api.ts'
import { formatPrice } from '../format.ts'
import type { Lang, Strings } from '../strings.ts'

interface Props {
  t: Strings
  lang: Lang
  clinics: ClinicView[]
  chosen: string[]
  onToggle: (id: string) => void
}

/** The cheapest package first, in its own currency. */
function fromPrice(clinic: ClinicView, lang: Lang): string | undefined {
  const pkg = [...clinic.packages].sort((a, b) => a.priceMin - b.priceMin)[0]
  return pkg && formatPrice(pkg, lang)
}

export function ClinicList({ t, lang, clinics, chosen, onToggle }: Props) {
  const full = chosen.length >= MAX_CLINICS_PER_INQUIRY
  return (
    <ul class="list">
      {clinics.map((c) => {
        const on = chosen.includes(c.id)
        const warnings = c.warnings.length
        return (
          <li class="card" key={c.id} aria-current={on || undefined}>
            <h3>{c.name}</h3>
            <p class="muted">
              {c.city} · {c.routes.map((r) => t[r]).join(', ')}
              {c.sample && ' '}
              {c.sample && <span class="badge">{t.sample}</span>}
            </p>
            <p>{fromPrice(c, lang)}</p>
            {warnings > 0 && <p class="warn">{t.warnCount(warnings)}</p>}
            <label class="pick">
              <input
                type="checkbox"
                checked={on}
                disabled={full && !on}
                onChange={() => onToggle(c.id)}
              />
              {t.pick} <span class="vh">{c.name}</span>
            </label>
          </li>
        )
      })}
    </ul>
  )
}
