import type { ComponentChildren } from 'preact'
import { CURRENT_NOTICE_VERSION, noticePath } from '../../../../shared/privacy/versions.ts'
import type { Lang } from '../../common/lang.ts'
import { formStrings } from './strings.ts'
import type { Values } from './values.ts'

interface ConsentsProps {
  lang: Lang
  apiBase: string
  values: Pick<Values, 'consent' | 'shareWithClinics'>
  set: (patch: Partial<Values>) => void
  /** The consent box's invalid state and error, from the form. */
  invalid: boolean
  error: ComponentChildren
}

/**
 * The notice and the two consents, separate and unticked: keeping and using
 * the answers (required) and sharing them with the clinics (optional). The
 * notice opens in a new tab, so nothing typed is lost.
 */
export function Consents({ lang, apiBase, values, set, invalid, error }: ConsentsProps) {
  const t = formStrings(lang)
  const href = new URL(noticePath(CURRENT_NOTICE_VERSION, lang), apiBase).href
  return (
    <fieldset class="f">
      <legend>{t.consentTitle}</legend>
      <p class="muted">
        {t.consentIntro}{' '}
        <a href={href} target="_blank" rel="noopener">
          {t.noticeLink(CURRENT_NOTICE_VERSION)}
        </a>
      </p>
      <label class="opt">
        <input
          type="checkbox"
          id="f-consent"
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? 'f-consent-e' : undefined}
          checked={values.consent}
          onChange={(e) => set({ consent: e.currentTarget.checked })}
        />
        <span>{t.consent}</span>
      </label>
      {error}
      <label class="opt">
        <input
          type="checkbox"
          id="f-shareWithClinics"
          checked={values.shareWithClinics}
          onChange={(e) => set({ shareWithClinics: e.currentTarget.checked })}
        />
        <span>{t.shareWithClinics}</span>
      </label>
    </fieldset>
  )
}

/** After sending: the family's receipt link, to keep. */
export function ReceiptLink({ lang, url }: { lang: Lang; url: string }) {
  const t = formStrings(lang)
  return (
    <p class="receipt">
      {t.keepLink}{' '}
      <a href={url} target="_blank" rel="noopener noreferrer" aria-label={t.receiptName}>
        {url}
      </a>
    </p>
  )
}
