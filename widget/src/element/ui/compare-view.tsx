// The comparison view: a lazy chunk (scripts/lib/build-widget.ts), loaded
// when a family ticks a clinic, with the frame that hosts the request form.
// It brings Preact: the list before it is plain DOM (app.ts).
import { render } from 'preact'
import type { RateFacts } from '../../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import type { Lang, Strings } from '../../common/strings.ts'
import type { PartnerState } from '../partner-state.ts'
import { RequestFrame, type RequestFrameProps } from '../request-frame.tsx'
import { Comparison } from './compare.tsx'

export { sharedIds } from './compare.tsx'

export interface CompareViewProps {
  t: Strings
  lang: Lang
  uid: string
  clinics: ClinicView[]
  /** The catalog's rates and the family's currency (the list's budget currency). */
  rates: readonly RateFacts[]
  currency: string
  /** The Worker's origin: the comparison reads clinics' change histories there. */
  apiBase: string
  partner: PartnerState
  onRemove: (id: string) => void
  onBack: () => void
  onRequest: () => void
  onRetryPartner: () => void
}

/** What the partner's state lets the family do: request, wait, or know why not. */
function RequestAction({ t, partner, onRequest, onRetryPartner }: CompareViewProps) {
  switch (partner.status) {
    case 'ok':
      return (
        <button type="button" class="req" onClick={onRequest}>
          {t.request}
        </button>
      )
    case 'inactive':
      return <p>{t.partnerInactive}</p>
    case 'failed':
      return (
        <p role="alert">
          {t.partnerFailed}{' '}
          <button type="button" class="sec" onClick={onRetryPartner}>
            {t.retry}
          </button>
        </p>
      )
    case 'loading':
      return null
  }
}

export function CompareView(props: CompareViewProps) {
  const { t, lang, uid, clinics, rates, currency, apiBase, onRemove, onBack } = props
  return (
    <>
      <h2 tabIndex={-1}>{t.comparison}</h2>
      <Comparison
        t={t}
        lang={lang}
        uid={uid}
        clinics={clinics}
        rates={rates}
        currency={currency}
        base={apiBase}
        onRemove={onRemove}
      />
      <div class="bar">
        <button type="button" class="sec" onClick={onBack}>
          {t.back}
        </button>
        <RequestAction {...props} />
      </div>
    </>
  )
}

export type ChunkView =
  | ({ view: 'compare' } & CompareViewProps)
  | ({ view: 'form' } & RequestFrameProps)

/** Renders the comparison or the request frame into `container`; null empties it. */
export function renderView(container: HTMLElement, props: ChunkView | null): void {
  if (!props) render(null, container)
  else if (props.view === 'form') render(<RequestFrame {...props} />, container)
  else render(<CompareView {...props} />, container)
}
