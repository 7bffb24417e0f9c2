import type { Lang } from '../common/lang.ts'

/**
 * What a family sees when a file of the widget did not load (offline, or a
 * page still running the loader of an earlier deploy). Kept out of the
 * language chunks, since it is shown when one of those is what failed.
 */
export const UNAVAILABLE: Record<Lang, { text: string; retry: string }> = {
  en: { text: 'The clinic comparison did not load.', retry: 'Try again' },
  es: { text: 'La comparación de clínicas no se cargó.', retry: 'Reintentar' },
}
