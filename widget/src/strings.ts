export type { Strings } from './i18n/en.ts'

import type { Strings } from './i18n/en.ts'

export type Lang = 'en' | 'es'

/** Anything starting with "es" is Spanish; everything else falls back to English. */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('es') ? 'es' : 'en'
}

// Each language is its own small chunk: a page downloads only the one it shows.
const loaded = new Map<Lang, Promise<Strings>>()

export function loadStrings(lang: Lang): Promise<Strings> {
  let pending = loaded.get(lang)
  if (!pending) {
    pending =
      lang === 'es'
        ? import('./i18n/es.ts').then((m) => m.es)
        : import('./i18n/en.ts').then((m) => m.en)
    pending.catch(() => loaded.delete(lang))
    loaded.set(lang, pending)
  }
  return pending
}
