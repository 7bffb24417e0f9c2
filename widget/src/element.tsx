import { render } from 'preact'
import { DEFAULT_API_BASE } from './api.ts'
import { App } from './app.tsx'
import { loadStrings, toLang } from './strings.ts'
import { widgetSheet } from './styles.ts'

let instances = 0

/** `<clinic-compare partner lang api-base>`: Preact rendered into an open shadow root. */
export class ClinicCompareElement extends HTMLElement {
  static observedAttributes = ['partner', 'lang', 'api-base']
  #uid = `cc${++instances}-`
  #renders = 0

  connectedCallback() {
    this.#render()
  }

  disconnectedCallback() {
    if (this.shadowRoot) render(null, this.shadowRoot)
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render()
  }

  #render() {
    let root = this.shadowRoot
    if (!root) {
      root = this.attachShadow({ mode: 'open' })
      root.adoptedStyleSheets = [widgetSheet()]
    }
    const shadow = root
    const lang = toLang(this.getAttribute('lang') ?? document.documentElement.lang)
    // Attributes may change while a language loads: only the latest change renders.
    const current = ++this.#renders
    loadStrings(lang).then((t) => {
      if (current !== this.#renders || !this.isConnected) return
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
    })
  }
}
