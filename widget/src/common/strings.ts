export type { Strings } from '../element/i18n/en.ts'
export { type Lang, toLang } from './lang.ts'

import { lazyChunk } from '../element/chunks.ts'
import type { Strings } from '../element/i18n/en.ts'
import type { Lang } from './lang.ts'

// Each language is its own small chunk: a page downloads only the one it shows.
const chunks: Record<Lang, () => Promise<Strings>> = {
  en: () => loadEn().then((m) => m.en),
  es: () => loadEs().then((m) => m.es),
}
const loadEn = lazyChunk('en', () => import('../element/i18n/en.ts'))
const loadEs = lazyChunk('es', () => import('../element/i18n/es.ts'))

export function loadStrings(lang: Lang): Promise<Strings> {
  return chunks[lang]()
}
