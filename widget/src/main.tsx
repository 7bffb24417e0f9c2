import { render } from 'preact'

class ClinicCompareElement extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
    render(<p>clinic-compare</p>, root)
  }
}

if (!customElements.get('clinic-compare'))
  customElements.define('clinic-compare', ClinicCompareElement)
