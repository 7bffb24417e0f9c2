import { h } from '../dom.ts'
import type { Lang } from '../lang.ts'
import { UNAVAILABLE } from '../unavailable.ts'

/** A part of the widget did not load: say so, and offer to try again (ui/unavailable.tsx in the chunks). */
export function unavailableNotice(lang: Lang, onRetry: () => void): HTMLElement {
  const u = UNAVAILABLE[lang]
  return h(
    'p',
    { role: 'alert' },
    `${u.text} `,
    h('button', { type: 'button', class: 'sec', onclick: onRetry }, u.retry),
  )
}
