import { ClinicCompareElement } from './element.ts'

export * from './shared.ts'

// The script may be included twice, or next to another copy of the widget.
if (!customElements.get('clinic-compare')) {
  customElements.define('clinic-compare', ClinicCompareElement)
}
