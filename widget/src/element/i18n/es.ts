import type { Strings } from './en.ts'

/** Every string of the list in Spanish. */
export const es: Strings = {
  title: 'Comparar clínicas',
  sample: 'Datos de ejemplo',
  loading: 'Cargando clínicas…',
  loadFailed: 'No se pudo cargar la lista de clínicas. Inténtelo de nuevo más tarde.',
  retry: 'Intentar de nuevo',
  filters: 'Filtros',
  route: 'Vía de aplicación',
  anyRoute: 'Cualquier vía',
  iv: 'Intravenosa (IV)',
  intrathecal: 'Intratecal (IT)',
  budget: 'Presupuesto hasta',
  currency: 'Moneda',
  city: 'Ciudad',
  anyCity: 'Cualquier ciudad',
  per: 'por',
  converted: (currency: string, rate: string) =>
    `Los precios en ${currency} se muestran y comparan con su presupuesto a ${rate}.`,
  staleRate: (currency: string, date: string, days: number) =>
    `Los precios en ${currency} no se convierten ni se comparan: el tipo de cambio más reciente (${date}) tiene más de ${days} días.`,
  noRate: (currency: string) =>
    `Los precios en ${currency} no se convierten ni se comparan: no hay tipo de cambio.`,
  count: (n: number) => (n === 1 ? '1 clínica' : `${n} clínicas`),
  none: 'Ninguna clínica coincide con estos filtros.',
  warnCount: (n: number) => (n === 1 ? '1 señal de alerta' : `${n} señales de alerta`),
  pick: 'Comparar',
  pickHint: 'Elija hasta tres clínicas para compararlas.',
  picked: (n: number, max: number) => `${n} de ${max} elegidas`,
  full: 'Ya hay tres clínicas elegidas. Quite una para añadir otra.',
  compare: 'Comparar lado a lado',
  back: 'Volver a la lista',
  comparison: 'Comparación lado a lado',
  request: 'Pedir información',
  partnerInactive: 'Ahora no se pueden enviar solicitudes desde esta página.',
  partnerFailed: 'No pudimos comprobar si se pueden enviar solicitudes desde esta página.',
  contextTitle: 'Conviene saber',
  context: [
    'La terapia con MSC para el autismo es un tratamiento de apoyo, no una cura.',
    'No está aprobada por la FDA en Estados Unidos.',
    'Si un niño es candidato lo decide siempre un médico.',
  ],
}
