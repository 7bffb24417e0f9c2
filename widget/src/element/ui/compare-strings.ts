import type { Lang } from '../../common/strings.ts'

// The comparison's words load with its chunk, both languages, so first render
// carries only the list's strings and a live language switch needs no fetch.

const en = {
  warnings: 'Warning signs',
  noWarnings: 'None found in the checked facts',
  bankLicence: 'Stem Cell Bank Licence',
  medLicence: 'Regenerative Medicine Licence',
  noLicence: 'None on record',
  permit: 'Licencia sanitaria: a permit COFEPRIS granted',
  permitShort: 'Permit',
  avisoShort: 'Only a notice (aviso), not a permit',
  aviso: 'Aviso de funcionamiento: a notice the clinic filed, not a permit',
  procedure: (p: string) => `procedure ${p}`,
  holder: 'Holder',
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
  atRate: (rate: string) => `≈ converted at ${rate}.`,
  staleRate: (currency: string, date: string, days: number) =>
    `Prices in ${currency} are not converted: the latest exchange rate (${date}) is more than ${days} days old.`,
  physician: 'Physician’s plan after a medical review',
  yes: 'Yes',
  no: 'No',
  languages: 'Languages spoken',
  rating: 'Rating',
  ratingValue: (value: string, count: number) => `${value} of 5 (${count} reviews)`,
  noRating: 'No rating',
  remove: (name: string) => `Remove ${name}`,
  licenceHolder: 'Holder and address on the licences',
  facility: 'The facility’s name and address, which the licences must match',
  how: {
    title: 'How we checked this',
    kind: 'What it is',
    method: 'How',
    methods: {
      'document-seen': 'We saw the original document.',
      'registry-lookup': 'We looked it up in a public registry.',
      'clinic-provided-copy': 'From a copy the clinic sent us; we did not see the original.',
      'phone-confirmation': 'The clinic confirmed it by phone; we saw no document.',
      'public-source': 'Read from a public source.',
    },
    flags: {
      oldEvidence: 'Checked more than a year ago.',
      weakMethod: 'Weaker evidence than a document we saw.',
      noSource: 'No public source is named for this rating.',
    },
    source: 'Source',
    checkedOn: 'Checked on',
    checkedBy: 'Checked by',
    evidence: 'Evidence',
    evidenceLink: 'See the evidence',
    digest: 'Fingerprint (SHA-256) of the evidence we keep:',
  },
  groups: {
    warnings: 'Warning signs',
    licences: 'Licences (COFEPRIS)',
    treatment: 'Treatment',
    coa: 'Certificate of Analysis',
    prices: 'Packages and prices',
    other: 'Other facts',
  },
  onlyDiff: 'Show only the differences',
  diffOn: (shown: number, hidden: number) =>
    `Showing ${shown === 1 ? 'the 1 fact that differs' : `the ${shown} facts that differ`}. ` +
    `Hidden: ${hidden === 1 ? '1 fact that is' : `${hidden} facts that are`} the same for every clinic.`,
  diffNone: 'Every fact is the same for these clinics; all are shown.',
  diffOff: 'Showing every fact.',
  print: 'Print or save as PDF',
  share: 'Share',
  shareLabel: 'Link to this comparison',
  copied: 'Link copied. Anyone with the link sees the same comparison on this page.',
  copyByHand: 'Copy this link to share the comparison.',
  printedOn: (date: string) => `Printed on ${date}`,
  questionsTitle: 'Questions to ask each clinic',
  changesTitle: 'What changed, and when',
  lastChanged: (date: string) => `Facts last changed on ${date}.`,
  noChanges: 'No change recorded since the history began.',
  historyLoading: 'Loading the changes…',
  historyFailed: 'The changes could not be loaded. Close and open this again to retry.',
  recordKind: { added: 'added', removed: 'removed' },
  questionsHint: 'Ask each clinic these questions, in writing if you can, before you decide.',
  q: {
    coa: 'Will you give me the Certificate of Analysis of the cells before any infusion, with the cell type, the viability and the sterility test?',
    licences:
      'May I see both COFEPRIS licencias sanitarias (Stem Cell Bank and Regenerative Medicine), each with its procedure and number? Do the holder and the address on them match this facility?',
    physician:
      'Is my child’s plan made by a physician after a medical review? Which records will the physician review?',
    noPhysicianPlan:
      'Your listing does not say that a physician makes the plan. Who makes my child’s plan, and after what medical review?',
    bankOnly:
      'Your record shows only a Stem Cell Bank Licence. Which Regenerative Medicine Licence allows you to treat patients? May I see it?',
    noLicence:
      'No COFEPRIS licence is on record for you. Which licences do you hold? May I see them?',
    aviso:
      'Your record shows an aviso de funcionamiento, a notice you filed, not a permit. Which licencia sanitaria (procedure COFEPRIS-09-023) allows you to store or administer cells? May I see it?',
    holder:
      'The licence is in the name of another company. How is it related to your clinic, and who is responsible for my child’s treatment?',
    address:
      'The licence address is not your clinic’s address. Where are the cells prepared, and where does the infusion take place?',
    stale:
      'Your licence was last checked more than a year ago. Is it still in force? May I see the current one?',
    noCoa:
      'You do not list a Certificate of Analysis. Will you give me one for the cells before the infusion? If not, why not?',
    viability: (p: string) =>
      `You state a cell viability of ${p}, below the usual 95 %. What viability will the cells for my child have, and will the certificate show it?`,
  },
  w: {
    bankOnly:
      'Only a stem cell bank licence: this clinic may store cells but cannot legally treat patients.',
    noLicence: 'No COFEPRIS licence on record: this clinic cannot legally treat patients.',
    aviso:
      'A record shown as a licence is only an aviso de funcionamiento, a notice the clinic filed: it is not a permit and counts as no licence.',
    holder: 'The licence is in the name of a different company than the clinic.',
    address: 'The licence address is not the clinic’s address.',
    stale: 'The licence was last checked more than a year ago.',
    noCoa: 'No Certificate of Analysis for the cells before infusion.',
    viability: (p: string) => `Stated cell viability is ${p}, below the usual 95 %.`,
  },
}

export type CompareStrings = typeof en

const es: CompareStrings = {
  warnings: 'Señales de alerta',
  noWarnings: 'Ninguna en los datos revisados',
  bankLicence: 'Licencia de Banco de Células Madre',
  medLicence: 'Licencia de Medicina Regenerativa',
  noLicence: 'Sin registro',
  permit: 'Licencia sanitaria: un permiso que otorgó COFEPRIS',
  permitShort: 'Permiso',
  avisoShort: 'Solo un aviso, no un permiso',
  aviso: 'Aviso de funcionamiento: un aviso que presentó la clínica, no un permiso',
  procedure: (p: string) => `trámite ${p}`,
  holder: 'Titular',
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
  atRate: (rate: string) => `≈ convertido a ${rate}.`,
  staleRate: (currency: string, date: string, days: number) =>
    `Los precios en ${currency} no se convierten: el tipo de cambio más reciente (${date}) tiene más de ${days} días.`,
  physician: 'Plan de un médico tras revisión médica',
  yes: 'Sí',
  no: 'No',
  languages: 'Idiomas',
  rating: 'Valoración',
  ratingValue: (value: string, count: number) => `${value} de 5 (${count} opiniones)`,
  noRating: 'Sin valoración',
  remove: (name: string) => `Quitar ${name}`,
  licenceHolder: 'Titular y dirección en las licencias',
  facility: 'Nombre y dirección de la instalación, con los que deben coincidir las licencias',
  how: {
    title: 'Cómo se verificó',
    kind: 'Qué es',
    method: 'Cómo',
    methods: {
      'document-seen': 'Vimos el documento original.',
      'registry-lookup': 'Lo consultamos en un registro público.',
      'clinic-provided-copy': 'De una copia que nos envió la clínica; no vimos el original.',
      'phone-confirmation': 'La clínica lo confirmó por teléfono; no vimos ningún documento.',
      'public-source': 'Tomado de una fuente pública.',
    },
    flags: {
      oldEvidence: 'Verificado hace más de un año.',
      weakMethod: 'Evidencia más débil que un documento que vimos.',
      noSource: 'No se indica la fuente pública de esta valoración.',
    },
    source: 'Fuente',
    checkedOn: 'Verificado el',
    checkedBy: 'Verificado por',
    evidence: 'Evidencia',
    evidenceLink: 'Ver la evidencia',
    digest: 'Huella (SHA-256) de la evidencia que guardamos:',
  },
  groups: {
    warnings: 'Señales de alerta',
    licences: 'Licencias (COFEPRIS)',
    treatment: 'Tratamiento',
    coa: 'Certificado de Análisis',
    prices: 'Paquetes y precios',
    other: 'Otros datos',
  },
  onlyDiff: 'Mostrar solo las diferencias',
  diffOn: (shown: number, hidden: number) =>
    `${shown === 1 ? 'Se muestra el único dato que difiere' : `Se muestran los ${shown} datos que difieren`}. ` +
    `${hidden === 1 ? 'Se oculta 1 dato igual' : `Se ocultan ${hidden} datos iguales`} en todas las clínicas.`,
  diffNone: 'Todos los datos son iguales en estas clínicas; se muestran todos.',
  diffOff: 'Se muestran todos los datos.',
  print: 'Imprimir o guardar PDF',
  share: 'Compartir',
  shareLabel: 'Enlace a esta comparación',
  copied: 'Enlace copiado. Quien lo abra verá la misma comparación en esta página.',
  copyByHand: 'Copie este enlace para compartir la comparación.',
  printedOn: (date: string) => `Impreso el ${date}`,
  questionsTitle: 'Preguntas para cada clínica',
  changesTitle: 'Qué cambió y cuándo',
  lastChanged: (date: string) => `Datos modificados por última vez el ${date}.`,
  noChanges: 'No hay cambios registrados desde que empezó el historial.',
  historyLoading: 'Cargando los cambios…',
  historyFailed: 'No se pudieron cargar los cambios. Cierre y vuelva a abrir para reintentar.',
  recordKind: { added: 'añadido', removed: 'eliminado' },
  questionsHint: 'Haga estas preguntas a cada clínica, por escrito si puede, antes de decidir.',
  q: {
    coa: '¿Me entregarán el Certificado de Análisis de las células antes de cualquier infusión, con el tipo de célula, la viabilidad y la prueba de esterilidad?',
    licences:
      '¿Puedo ver las dos licencias sanitarias COFEPRIS (Banco de Células Madre y Medicina Regenerativa), cada una con su trámite y número? ¿El titular y la dirección coinciden con los de esta instalación?',
    physician:
      '¿El plan de mi hijo o hija lo hace un médico después de una revisión médica? ¿Qué expedientes revisará el médico?',
    noPhysicianPlan:
      'Su ficha no indica que un médico haga el plan. ¿Quién hace el plan de mi hijo o hija y después de qué revisión médica?',
    bankOnly:
      'Su registro solo muestra una Licencia de Banco de Células Madre. ¿Qué Licencia de Medicina Regenerativa les permite tratar pacientes? ¿Puedo verla?',
    noLicence:
      'No hay licencia COFEPRIS registrada para ustedes. ¿Qué licencias tienen? ¿Puedo verlas?',
    aviso:
      'Su registro muestra un aviso de funcionamiento, que ustedes presentaron, no un permiso. ¿Qué licencia sanitaria (trámite COFEPRIS-09-023) les permite guardar o administrar células? ¿Puedo verla?',
    holder:
      'La licencia está a nombre de otra empresa. ¿Qué relación tiene con su clínica y quién es responsable del tratamiento de mi hijo o hija?',
    address:
      'La dirección de la licencia no es la de su clínica. ¿Dónde se preparan las células y dónde se hace la infusión?',
    stale: 'Su licencia se verificó hace más de un año. ¿Sigue vigente? ¿Puedo ver la actual?',
    noCoa:
      'No indican un Certificado de Análisis. ¿Me darán uno de las células antes de la infusión? Si no, ¿por qué?',
    viability: (p: string) =>
      `Declaran una viabilidad celular de ${p}, por debajo del 95 % habitual. ¿Qué viabilidad tendrán las células para mi hijo o hija y lo mostrará el certificado?`,
  },
  w: {
    bankOnly:
      'Solo tiene licencia de banco de células: puede guardar células, pero no puede tratar pacientes legalmente.',
    noLicence:
      'Sin licencia COFEPRIS registrada: esta clínica no puede tratar pacientes legalmente.',
    aviso:
      'Un registro que se muestra como licencia es solo un aviso de funcionamiento, presentado por la clínica: no es un permiso y cuenta como sin licencia.',
    holder: 'La licencia está a nombre de una empresa distinta de la clínica.',
    address: 'La dirección de la licencia no es la de la clínica.',
    stale: 'La licencia se verificó por última vez hace más de un año.',
    noCoa: 'No entrega Certificado de Análisis de las células antes de la infusión.',
    viability: (p: string) =>
      `La viabilidad celular declarada es ${p}, por debajo del 95 % habitual.`,
  },
}

export const compareStrings = (lang: Lang): CompareStrings => (lang === 'es' ? es : en)
