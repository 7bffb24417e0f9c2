import type { Lang } from '../../common/strings.ts'

// Region codes Intl knows but that are not countries a family lives in.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ'])
const lists = new Map<Lang, [string, string][]>()

/**
 * Every region the browser can name, sorted by name in the visitor's language:
 * the same test the schema applies (Intl.DisplayNames), so no list to keep.
 */
export function countries(lang: Lang): [string, string][] {
  let list = lists.get(lang)
  if (!list) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' })
    const known = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })
    list = []
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b)
        // Retired codes (DY for Benin) canonicalise to another region: skip them.
        const current = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`
        const name = current && known.of(code) && names.of(code)
        if (name && !NOT_COUNTRIES.has(code)) list.push([code, name])
      }
    }
    const collator = new Intl.Collator(lang)
    list.sort((x, y) => collator.compare(x[1], y[1]))
    lists.set(lang, list)
  }
  return list
}
