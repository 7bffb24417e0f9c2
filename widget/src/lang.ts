export type Lang = 'en' | 'es'

/** Anything starting with "es" is Spanish; everything else falls back to English. */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('es') ? 'es' : 'en'
}
