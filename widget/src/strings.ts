export type { Strings } from './i18n/en.ts'
export { type Lang, toLang } from './lang.ts'

import { lazyChunk } from './chunks.ts'
import type { Strings } from './i18n/en.ts'
import type { Lang } from './lang.ts'

// Each language is its own small chunk: a page downloads only the one it shows.
const chunks: Record<Lang, () => Promise<Strings>> = {
  en: () => loadEn().then((m) => m.en),
  es: () => loadEs().then((m) => m.es),
}
const loadEn = lazyChunk('en', () => import('./i18n/en.ts'))
const loadEs = lazyChunk('es', () => import('./i18n/es.ts'))

export function loadStrings(lang: Lang): Promise<Strings> {
  return chunks[lang]()
}
