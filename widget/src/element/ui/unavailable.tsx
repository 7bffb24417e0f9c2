import type { Lang } from '../../common/lang.ts'
import { UNAVAILABLE } from '../unavailable.ts'

/** A part of the widget did not load: say so, and offer to try again. */
export function Unavailable({ lang, onRetry }: { lang: Lang; onRetry: () => void }) {
  const u = UNAVAILABLE[lang]
  return (
    <p role="alert">
      {u.text}{' '}
      <button type="button" class="sec" onClick={onRetry}>
        {u.retry}
      </button>
    </p>
  )
}
