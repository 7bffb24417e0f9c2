import type { Strings } from '../../common/strings.ts'
import { h } from '../dom.ts'

/** The neutral context, verbatim: a partner may hide it, never reword it. */
export function neutralContext(t: Strings, id: string): HTMLElement {
  return h(
    'section',
    { class: 'ctx', 'aria-labelledby': `${id}x` },
    h('h3', { id: `${id}x` }, t.contextTitle),
    h(
      'ul',
      null,
      t.context.map((line) => h('li', null, line)),
    ),
  )
}
