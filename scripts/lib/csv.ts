/**
 * Characters that act on a terminal or reorder text rather than show it: C0
 * controls but tab and line feed (a lone carriage return too), DEL, C1
 * controls (U+009B is a CSI on some terminals) and bidirectional overrides.
 * A family types these fields on partner pages, and coordinators `cat` or
 * open the files, so none reaches them raw.
 */
function isActive(code: number, next: number | undefined): boolean {
  if (code === 0x09 || code === 0x0a) return false
  if (code === 0x0d) return next !== 0x0a
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}

const unicodeEscape = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`

/** Shows each active character as its `\uXXXX` escape, so it can be read, not run. */
function inertText(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out += isActive(code, text.charCodeAt(i + 1) || undefined) ? unicodeEscape(code) : text[i]
  }
  return out
}

/**
 * JSON whose strings are inert. JSON.stringify already escapes C0 controls;
 * the rest (DEL, C1, bidi overrides) are escaped here, which is valid JSON too.
 */
export function inertJson(value: unknown): string {
  return inertText(JSON.stringify(value))
}

/**
 * One CSV field (RFC 4180). Active characters are escaped (inertText), and a
 * value a spreadsheet would run as a formula (=, +, -, @, tab or CR first)
 * gets a leading apostrophe, so a campaign name such as "+1 offer" stays text.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = inertText(value)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',')
}
