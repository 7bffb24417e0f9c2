import type { Lang } from '../strings.ts'

// The comparison's words load with its chunk, both languages, so first render
// carries only the list's strings and a live language switch needs no fetch.

const en = {
  fact: 'Fact',
  warnings: 'Warning signs',
  noWarnings: 'None found in the checked facts',
  bankLicence: 'Stem Cell Bank Licence (COFEPRIS)',
  medLicence: 'Regenerative Medicine Licence (COFEPRIS)',
  noLicence: 'None on record',
  holder: 'Holder',
  verified: (ago: string, date: string) => `Verified ${ago} (${date})`,
  routes: 'Routes offered',
  cellSource: 'Cell source',
  'wharton-jelly-msc': 'Umbilical cord (Wharton’s jelly) MSC',
  'cord-blood': 'Cord blood',
  other: 'Other',
  coa: 'Certificate of Analysis before infusion',
  coaYes: (viability: string, sterile: boolean) =>
    `Provided. Stated viability: ${viability}. Sterility ${sterile ? 'tested' : 'not tested'}.`,
  coaNo: 'Not provided',
  notStated: 'not stated',
  prices: 'Packages and prices',
  physician: 'Plan made by a physician after medical review',
  yes: 'Yes',
  no: 'No',
  languages: 'Languages spoken',
  rating: 'Rating',
  ratingValue: (value: string, count: number) => `${value} of 5 (${count} reviews)`,
  noRating: 'No rating',
  remove: (name: string) => `Remove ${name}`,
  requestHint: 'Ask these clinics for information. You choose what to share.',
  w: {
    bankOnly:
      'Only a stem cell bank licence: this clinic may store cells but cannot legally treat patients.',
    noLicence: 'No COFEPRIS licence on record: this clinic cannot legally treat patients.',
    holder: 'The licence is in the name of a different company than the clinic.',
    address: 'The licence address is not the clinic’s address.',
    stale: 'The licence was last checked more than a year ago.',
    noCoa: 'No Certificate of Analysis for the cells before infusion.',
    viability: (p: string) => `Stated cell viability is ${p}, below the usual 95 %.`,
  },
}

export type CompareStrings = typeof en

const es: CompareStrings = {
  fact: 'Dato',
  warnings: 'Señales de alerta',
  noWarnings: 'Ninguna en los datos revisados',
  bankLicence: 'Licencia de Banco de Células Madre (COFEPRIS)',
  medLicence: 'Licencia de Medicina Regenerativa (COFEPRIS)',
  noLicence: 'Sin registro',
  holder: 'Titular',
  verified: (ago: string, date: string) => `Verificada ${ago} (${date})`,
  routes: 'Vías que ofrece',
  cellSource: 'Origen de las células',
  'wharton-jelly-msc': 'MSC de cordón umbilical (gelatina de Wharton)',
  'cord-blood': 'Sangre de cordón',
  other: 'Otro',
  coa: 'Certificado de Análisis antes de la infusión',
  coaYes: (viability: string, sterile: boolean) =>
    `Sí. Viabilidad declarada: ${viability}. Esterilidad ${sterile ? 'analizada' : 'no analizada'}.`,
  coaNo: 'No lo entrega',
  notStated: 'no declarada',
  prices: 'Paquetes y precios',
  physician: 'Plan hecho por un médico tras revisión médica',
  yes: 'Sí',
  no: 'No',
  languages: 'Idiomas',
  rating: 'Valoración',
  ratingValue: (value: string, count: number) => `${value} de 5 (${count} opiniones)`,
  noRating: 'Sin valoración',
  remove: (name: string) => `Quitar ${name}`,
  requestHint: 'Pida información a estas clínicas. Usted decide qué compartir.',
  w: {
    bankOnly:
      'Solo tiene licencia de banco de células: puede guardar células, pero no puede tratar pacientes legalmente.',
    noLicence:
      'Sin licencia COFEPRIS registrada: esta clínica no puede tratar pacientes legalmente.',
    holder: 'La licencia está a nombre de una empresa distinta de la clínica.',
    address: 'La dirección de la licencia no es la de la clínica.',
    stale: 'La licencia se verificó por última vez hace más de un año.',
    noCoa: 'No entrega Certificado de Análisis de las células antes de la infusión.',
    viability: (p: string) =>
      `La viabilidad celular declarada es ${p}, por debajo del 95 % habitual.`,
  },
}

export const compareStrings = (lang: Lang): CompareStrings => (lang === 'es' ? es : en)
