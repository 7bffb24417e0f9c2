import css from './widget.css'

let sheet: CSSStyleSheet | undefined

/**
 * One constructable stylesheet shared by every instance: adopted into each
 * shadow root, so a strict `style-src` needs no inline style and no <style>.
 */
export function widgetSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
  }
  return sheet
}
