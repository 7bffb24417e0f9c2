import { loadStrings, toLang } from '../common/strings.ts'
import { widgetSheet } from '../common/styles.ts'
import { DEFAULT_API_BASE } from './api.ts'
import { App } from './app.ts'
import { h } from './dom.ts'
import { emitter } from './events.ts'
import { unavailableNotice } from './ui/unavailable-notice.ts'

let instances = 0

/**
 * `<clinic-compare partner lang api-base>`, rendered into an open shadow
 * root. Single-page apps may create it before the script runs (it upgrades),
 * remove it (everything it started is stopped) and add it again.
 */
export class ClinicCompareElement extends HTMLElement {
  static observedAttributes = ['partner', 'lang', 'api-base']
  #uid = `cc${++instances}-`
  #renders = 0
  #app: App | null = null

  connectedCallback() {
    this.#render()
  }

  disconnectedCallback() {
    // A language still loading for this element must not render into it later.
    this.#renders++
    this.#app?.destroy()
    this.#app = null
    this.shadowRoot?.replaceChildren()
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render()
  }

  #root(): ShadowRoot {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
    const sheet = widgetSheet()
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [sheet]
    return root
  }

  #render() {
    const shadow = this.#root()
    const lang = toLang(this.getAttribute('lang') ?? document.documentElement.lang)
    // Attributes may change while a language loads: only the latest change renders.
    const current = ++this.#renders
    const stillCurrent = () => current === this.#renders && this.isConnected
    // Until the language is in, the place stays held (see .busy in widget.css).
    if (!shadow.firstChild) shadow.append(h('div', { class: 'w busy' }))
    loadStrings(lang).then(
      (t) => {
        if (!stillCurrent()) return
        const props = {
          host: this,
          uid: this.#uid,
          partner: this.getAttribute('partner') ?? '',
          lang,
          t,
          apiBase: this.getAttribute('api-base') ?? DEFAULT_API_BASE,
        }
        if (this.#app) this.#app.update(props)
        else this.#app = new App(props)
        if (shadow.firstChild !== this.#app.root) shadow.replaceChildren(this.#app.root)
      },
      () => {
        if (!stillCurrent()) return
        this.#app?.destroy()
        this.#app = null
        shadow.replaceChildren(
          h(
            'div',
            { class: 'w' },
            unavailableNotice(lang, () => this.#render()),
          ),
        )
        emitter(this)('error', { code: 'strings_unavailable' })
      },
    )
  }
}
