import css from '../element/widget.css'

const sheets = new Map<string, CSSStyleSheet>()

function sheetFor(text: string): CSSStyleSheet {
  let sheet = sheets.get(text)
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(text)
    sheets.set(text, sheet)
  }
  return sheet
}

/**
 * One constructable stylesheet shared by every instance: adopted into each
 * shadow root, so a strict `style-src` needs no inline style and no <style>.
 */
export const widgetSheet = (): CSSStyleSheet => sheetFor(css)

/** A lazy chunk's own rules join the shadow root it renders in. */
export function adoptSheet(inside: Node | null, text: string): void {
  const root = inside?.getRootNode()
  if (!(root instanceof ShadowRoot)) return
  const sheet = sheetFor(text)
  if (!root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  }
}
