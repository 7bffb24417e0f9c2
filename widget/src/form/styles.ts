import css from './form.css'

let sheet: CSSStyleSheet | undefined

/** The form's own rules join the widget's sheet in the shadow root the form renders in. */
export function adoptFormSheet(inside: Node | null): void {
  const root = inside?.getRootNode()
  if (!(root instanceof ShadowRoot)) return
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
  }
  if (!root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  }
}
