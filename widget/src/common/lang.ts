import type { INQUIRY_LANGUAGES } from '../../../shared/limits.ts'

export type Lang = (typeof INQUIRY_LANGUAGES)[number]

/** Anything starting with "es" is Spanish; everything else falls back to English. */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('es') ? 'es' : 'en'
}
