import type { Lang } from '../../common/lang.ts'
import { h } from '../dom.ts'
import { UNAVAILABLE } from '../unavailable.ts'

/** Something failed: say what, and offer to try again. */
export function retryAlert(text: string, retry: string, onRetry: () => void): HTMLElement {
  return h(
    'p',
    { role: 'alert' },
    `${text} `,
    h('button', { type: 'button', class: 'sec', onclick: onRetry }, retry),
  )
}

/** A part of the widget did not load (ui/unavailable.tsx in the chunks). */
export function unavailableNotice(lang: Lang, onRetry: () => void): HTMLElement {
  const u = UNAVAILABLE[lang]
  return retryAlert(u.text, u.retry, onRetry)
}
