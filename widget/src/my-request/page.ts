// The family's receipt page (`/my-request#SECRET`, worker/routes/my-request-page.ts).
// The secret is read from the fragment and posted; every value shown is
// set as text, never as HTML.
import { noticePath } from '../../../shared/privacy/versions.ts'
import type { MyRequestView, Withdrawal } from '../../../shared/schemas/my-request.ts'
import { type Lang, toLang } from '../common/lang.ts'
import { h } from '../element/dom.ts'
import { formStrings } from '../request/form/strings.ts'
import { post } from './api.ts'
import { type MyRequestStrings, myRequestStrings } from './strings.ts'

// The script loads async: it may run before the page is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot)
else boot()

function boot() {
  const main = document.getElementById('my-request')
  if (main) start(main)
}

function start(main: HTMLElement) {
  const lang = toLang(main.dataset.lang)
  const t = myRequestStrings(lang)
  const heading = main.querySelector('h1')
  const status = h('p', { role: 'status', class: 'status' })
  const alert = h('p', { role: 'alert', class: 'status err' })
  const content = h('div')
  main.append(status, alert, content)
  const receipt = decodeURIComponent(location.hash.slice(1))
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))

  const show = (...nodes: Node[]) => content.replaceChildren(...nodes)
  const fail = (kind: 'unknown' | 'withdrawn' | 'rate' | 'failed') => {
    status.textContent = ''
    alert.textContent = t[kind]
    show(
      ...(kind === 'failed'
        ? [h('button', { type: 'button', onclick: () => load() }, t.retry)]
        : []),
    )
  }

  async function load() {
    alert.textContent = ''
    status.textContent = t.loading
    const answer = await post<MyRequestView>('/v1/my-request', receipt)
    if (!answer.ok) return fail(answer.kind)
    status.textContent = ''
    show(...viewNodes(answer.body, lang, t, date), actions(answer.body))
  }

  function actions(view: MyRequestView): HTMLElement {
    const bar = h('div', { class: 'bar' })
    const download = h(
      'button',
      { type: 'button', class: 'sec', onclick: () => save(view) },
      t.download,
    )
    const remove = h(
      'button',
      { type: 'button', class: 'danger', onclick: () => confirm() },
      t.delete,
    )
    const confirm = () => {
      const no = h(
        'button',
        {
          type: 'button',
          class: 'sec',
          onclick: () => {
            bar.replaceChildren(download, remove)
            remove.focus()
          },
        },
        t.confirmNo,
      )
      const yes = h(
        'button',
        { type: 'button', class: 'danger', onclick: () => destroy(bar) },
        t.confirmYes,
      )
      const question = h('p', { id: 'confirm-q' }, t.confirm)
      const group = h(
        'div',
        { role: 'group', 'aria-labelledby': 'confirm-q' },
        question,
        h('div', { class: 'bar' }, yes, no),
      )
      bar.replaceChildren(group)
      yes.focus()
    }
    bar.append(download, remove)
    return bar
  }

  async function destroy(bar: HTMLElement) {
    bar.replaceChildren()
    status.textContent = t.deleting
    const answer = await post<Withdrawal>('/v1/my-request/delete', receipt)
    if (!answer.ok) return fail(answer.kind)
    show()
    status.textContent = t.deleted(
      date(answer.body.withdrawnAt),
      answer.body.recipientsToNotify.length,
    )
    heading?.focus()
  }

  function save(view: MyRequestView) {
    const blob = new Blob([`${JSON.stringify(view, null, 2)}\n`], { type: 'application/json' })
    const url = URL.createObjectURL(blob)
    const link = h('a', { href: url, download: `request-${view.id}.json` })
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  if (!receipt) {
    alert.textContent = t.noSecret
    return
  }
  void load()
}

/** A country's name in the page's language, or its code when Intl has none. */
function countryName(code: string | undefined, lang: Lang): string | undefined {
  if (code === undefined) return undefined
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code
  } catch {
    return code
  }
}

/** A definition list of label and value pairs; empty values are left out. */
function list(rows: [string, string | Node | undefined][]): HTMLElement {
  return h(
    'dl',
    null,
    rows.flatMap(([label, value]) =>
      value === undefined || value === '' ? [] : [h('dt', null, label), h('dd', null, value)],
    ),
  )
}

function viewNodes(
  view: MyRequestView,
  lang: Lang,
  t: MyRequestStrings,
  date: (iso: string) => string,
): Node[] {
  const f = formStrings(lang)
  const nodes: Node[] = []
  if (view.status === 'queued') return [h('p', null, t.queued)]
  if (view.receivedAt) nodes.push(h('p', null, t.received(date(view.receivedAt))))
  nodes.push(
    h('h2', null, t.delivery),
    view.deliveries.length === 0
      ? h('p', { class: 'pending' }, t.notDelivered)
      : h(
          'ul',
          null,
          view.deliveries.map((d) =>
            h(
              'li',
              null,
              t.deliveredTo(d.recipient, date(d.receivedAt)),
              d.acknowledgedAt ? ` ${t.handled(date(d.acknowledgedAt))}` : '',
            ),
          ),
        ),
  )
  const inquiry = (view.inquiry ?? {}) as Record<string, unknown>
  const text = (key: string) => {
    const value = inquiry[key]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
  }
  const named = (table: Record<string, string>, key: string) => {
    const value = text(key)
    return value === undefined ? undefined : (table[value] ?? value)
  }
  nodes.push(
    h('h2', null, t.sent),
    list([
      [t.fields.parentName, text('parentName')],
      [t.fields.email, text('email')],
      [t.fields.phone, text('phone')],
      [t.fields.contactChannel, named(f.channels, 'contactChannel')],
      [t.fields.language, named(f.languages, 'language')],
      [t.fields.country, countryName(text('country'), lang)],
      [t.fields.childAgeYears, text('childAgeYears')],
      [t.fields.message, text('message')],
      [t.clinics, view.clinics.map((clinic) => clinic.name ?? clinic.id).join(', ') || undefined],
    ]),
  )
  const answers = (inquiry.preScreen ?? {}) as Record<string, string>
  nodes.push(
    h('h3', null, t.preScreen),
    list(
      Object.entries(f.questions).map(([q, label]) => [
        label,
        answers[q] === undefined ? undefined : (f.answers as Record<string, string>)[answers[q]],
      ]),
    ),
  )
  const consent = view.consent as Record<string, unknown> | null
  if (consent) {
    const version = String(consent.noticeVersion)
    const noticeLang = toLang(String(consent.language))
    const known = typeof consent.noticeSha256 === 'string'
    nodes.push(
      h('h2', null, t.consent),
      list([
        [
          t.notice,
          known
            ? h(
                'a',
                {
                  href: noticePath(version as never, noticeLang),
                  target: '_blank',
                  rel: 'noopener',
                },
                t.noticeLink(version),
              )
            : t.noticeLink(version),
        ],
        [t.noticeHash, known ? h('code', null, String(consent.noticeSha256)) : undefined],
        [t.keepAndUse, t.yes],
        [t.share, consent.shareWithClinics === true ? t.yes : t.no],
        [t.agreedAt, typeof consent.at === 'string' ? date(consent.at) : undefined],
        [t.partner, typeof consent.partnerId === 'string' ? consent.partnerId : undefined],
        [t.origin, typeof consent.formOrigin === 'string' ? consent.formOrigin : t.server],
      ]),
    )
  }
  return nodes
}
