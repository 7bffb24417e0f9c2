import type { ComponentChildren } from 'preact'
import { factFlags } from '../../../../shared/rules/freshness.ts'
import type { ProvenanceFacts } from '../../../../shared/rules/provenance.ts'
import type { Operator } from '../../../../shared/schemas/provenance.ts'
import { formatDate } from '../../common/format.ts'
import type { Lang } from '../../common/strings.ts'
import type { CompareStrings } from './compare-strings.ts'

// "How we checked this": one button in each group's heading opens, beside
// every verified fact of the group, a panel with the kind, the method in
// plain words, the date, who checked and the evidence. One button per group,
// not per fact: at 375 px a button per fact would take a line of its own.
// Print shows every panel.

/** One checked fact in a panel: what it is (a licence's kind), then how it was checked. */
export interface CheckedEntry {
  /** Where the fact sits in the record, as shared/rules/provenance.ts names it (`rating`...). */
  fact: string
  /** Names the entry when a fact has several (each package of a clinic). */
  title?: string
  kind?: string
  provenance: ProvenanceFacts
}

/** SHA-256 in groups of four, so it wraps between groups, never inside one. */
function grouped(hex: string): string {
  return hex.replace(/(.{4})(?!$)/g, '$1 ')
}

interface EntryProps {
  t: CompareStrings
  lang: Lang
  entry: CheckedEntry
  operators: readonly Operator[]
}

function Entry({ t, lang, entry, operators }: EntryProps) {
  const p = entry.provenance
  const by = operators.find((o) => o.id === p.checkedBy)?.name ?? p.checkedBy
  // The rule catalog:freshness flags with: old evidence, a weaker method, a rating without source.
  const flags = factFlags(entry, Date.now())
  const row = (term: string, value: ComponentChildren) => (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  )
  return (
    <dl>
      {entry.title && <dt class="hwt">{entry.title}</dt>}
      {entry.kind && row(t.how.kind, entry.kind)}
      {row(t.how.method, t.how.methods[p.method])}
      {flags.map((flag) => (
        <dd key={flag} class="warn">
          {t.how.flags[flag]}
        </dd>
      ))}
      {p.source && row(t.how.source, p.source)}
      {row(t.how.checkedOn, formatDate(p.checkedAt, lang))}
      {row(t.how.checkedBy, by)}
      {row(
        t.how.evidence,
        <>
          {p.evidenceUrl && (
            <>
              <a href={p.evidenceUrl} target="_blank" rel="noopener noreferrer">
                {t.how.evidenceLink}
              </a>
              <br />
            </>
          )}
          <span class="muted">{t.how.digest}</span> <code>{grouped(p.evidenceSha256)}</code>
        </>,
      )}
    </dl>
  )
}

export function HowButton(props: {
  t: CompareStrings
  /** The group's name: every group's button reads alike without it. */
  label: string
  panels: string[]
  open: boolean
  onToggle: () => void
}) {
  const { t, label, panels, open, onToggle } = props
  return (
    <button
      type="button"
      class="hwb"
      aria-expanded={open}
      aria-controls={panels.join(' ')}
      onClick={onToggle}
    >
      {t.how.title}
      <span class="vh">: {label}</span>
    </button>
  )
}

export function HowPanel(props: {
  t: CompareStrings
  lang: Lang
  id: string
  entries: CheckedEntry[]
  operators: readonly Operator[]
  open: boolean
}) {
  const { id, entries, open, ...rest } = props
  return (
    <div id={id} class="hwp" hidden={!open}>
      {entries.map((entry) => (
        <Entry key={entry.title ?? ''} {...rest} entry={entry} />
      ))}
    </div>
  )
}
