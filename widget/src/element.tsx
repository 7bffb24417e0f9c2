import { render } from 'preact'
import { DEFAULT_API_BASE } from './api.ts'
import { App } from './app.tsx'
import { emitter } from './events.ts'
import { loadStrings, toLang } from './strings.ts'
import { widgetSheet } from './styles.ts'
import { Unavailable } from './ui/unavailable.tsx'

let instances = 0

/**
 * `<clinic-compare partner lang api-base>`: Preact rendered into an open shadow
 * root. Single-page apps may create it before the script runs (it upgrades),
 * remove it (everything it started is stopped) and add it again.
 */
export class ClinicCompareElement extends HTMLElement {
  static observedAttributes = ['partner', 'lang', 'api-base']
  #uid = `cc${++instances}-`
  #renders = 0

  connectedCallback() {
    this.#render()
  }

  disconnectedCallback() {
    // A language still loading for this element must not render into it later.
    this.#renders++
    if (this.shadowRoot) render(null, this.shadowRoot)
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
    if (!shadow.firstChild) render(<div class="w busy" />, shadow)
    loadStrings(lang).then(
      (t) => {
        if (!stillCurrent()) return
        render(
          <App
            host={this}
            uid={this.#uid}
            partner={this.getAttribute('partner') ?? ''}
            lang={lang}
            t={t}
            apiBase={this.getAttribute('api-base') ?? DEFAULT_API_BASE}
          />,
          shadow,
        )
      },
      () => {
        if (!stillCurrent()) return
        render(
          <div class="w">
            <Unavailable lang={lang} onRetry={() => this.#render()} />
          </div>,
          shadow,
        )
        emitter(this)('error', { code: 'strings_unavailable' })
      },
    )
  }
}
