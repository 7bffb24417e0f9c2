import type { Strings } from '../strings.ts'

/** The neutral context, verbatim: a partner may hide it, never reword it. */
export function NeutralContext({ t, id }: { t: Strings; id: string }) {
  return (
    <section class="ctx" aria-labelledby={`${id}x`}>
      <h3 id={`${id}x`}>{t.contextTitle}</h3>
      <ul>
        {t.context.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  )
}
