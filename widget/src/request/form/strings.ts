import {
  CHILD_AGE_YEARS_MAX,
  CHILD_AGE_YEARS_MIN,
  MAX_MESSAGE_LENGTH,
} from '../../../../shared/limits.ts'
import type { PreScreenQuestion } from '../../../../shared/schemas/inquiry.ts'
import type { Lang } from '../../common/strings.ts'

const en = {
  title: 'Request information',
  about: 'About:',
  intro: 'The clinics answer through the booking service. Optional fields can stay empty.',
  parentName: 'Your name',
  email: 'Email',
  phone: 'Phone with country code (optional)',
  contactChannel: 'How should we contact you?',
  channels: { email: 'Email', phone: 'Phone call', whatsapp: 'WhatsApp' },
  language: 'Language for our answer',
  languages: { en: 'English', es: 'Spanish' },
  country: 'Country you live in',
  chooseCountry: 'Choose…',
  childAge: 'Child’s age in years',
  message: 'Message (optional)',
  preTitle: 'A few health questions',
  preIntro:
    'Your answers are for the physician’s review, never a reason to refuse your request. If you are unsure, choose “not sure”.',
  questions: {
    activeInfection: 'Does your child have an infection right now?',
    uncontrolledSeizures: 'Does your child have seizures that are not under control?',
    kidneyOrLiverProblems: 'Does your child have kidney or liver problems?',
    geneticSyndrome:
      'Has your child been diagnosed with a genetic syndrome such as Fragile X or Rett?',
  } satisfies Record<PreScreenQuestion, string>,
  answers: { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' },
  consentTitle: 'Your consent',
  consentIntro: 'Please read the privacy notice before you send:',
  noticeLink: (v: string) => `Privacy notice (version ${v}, opens in a new tab)`,
  consent:
    'Required: I agree that the booking service keeps these details, including the health answers, and uses them only to answer this request.',
  shareWithClinics:
    'Optional: the booking service may also share these details with the clinics I chose. Without this, nothing is passed to the clinics.',
  website: 'Leave this field empty',
  send: 'Send request',
  sendAgain: 'Try sending again',
  sending: 'Sending…',
  cancel: 'Back to the comparison',
  done: 'Back to the list',
  fix: (n: number) =>
    n === 1 ? 'Please check 1 field marked below.' : `Please check ${n} fields marked below.`,
  sent: (id: string) =>
    `Thank you. Your request was sent and a coordinator will write to you. Request id: ${id}`,
  keepLink: 'Keep this link to see or delete your request:',
  receiptName: 'Your request: see or delete it',
  failed: {
    network:
      'Your request was not sent: the connection failed. Everything you typed is still here; press “Try sending again”.',
    rate: (s: number) =>
      `Too many requests right now. Everything you typed is still here; try again in ${s} seconds.`,
    unavailable: (s: number) =>
      `The service is busy. Everything you typed is still here; try again in ${s} seconds.`,
    forbidden: 'Requests cannot be sent from this page. Please contact the site owner.',
    invalid: 'Some answers need a change; see the fields marked below.',
    other: 'Your request was not sent. Everything you typed is still here; please try again.',
    challenge:
      'Your request was not sent: we could not confirm it comes from a person. Everything you typed is still here. Check your connection, wait a moment and press “Try sending again”; if it keeps failing, reload the page.',
    trap: 'Your request was not sent: a hidden field was filled in, perhaps by your browser’s autofill. We emptied it; everything you typed is still here. Press “Send request” again.',
  },
  errors: {
    parentName: 'Enter your name.',
    email: 'Enter a valid email address, such as name@example.com.',
    phone: 'Enter a phone number with its country code, such as +52 664 123 4567.',
    phoneNeeded: 'Enter a phone number to be contacted by phone or WhatsApp.',
    contactChannel: 'Choose how we should contact you.',
    language: 'Choose a language.',
    country: 'Choose your country.',
    childAgeYears: `Enter the age in whole years, from ${CHILD_AGE_YEARS_MIN} to ${CHILD_AGE_YEARS_MAX}.`,
    message: `The message can have at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`,
    preScreen: 'Choose yes, no or not sure.',
    consent: 'Please agree so we can send your request.',
    other: 'Please check this answer.',
  },
}

export type FormStrings = typeof en

const es: FormStrings = {
  title: 'Pedir información',
  about: 'Sobre:',
  intro:
    'Las clínicas responden a través del servicio de reservas. Los campos opcionales pueden quedar vacíos.',
  parentName: 'Su nombre',
  email: 'Correo electrónico',
  phone: 'Teléfono con código de país (opcional)',
  contactChannel: '¿Cómo prefiere que le contactemos?',
  channels: { email: 'Correo', phone: 'Llamada', whatsapp: 'WhatsApp' },
  language: 'Idioma de la respuesta',
  languages: { en: 'Inglés', es: 'Español' },
  country: 'País donde vive',
  chooseCountry: 'Elija…',
  childAge: 'Edad del niño o niña en años',
  message: 'Mensaje (opcional)',
  preTitle: 'Unas preguntas de salud',
  preIntro:
    'Sus respuestas son para la revisión del médico, nunca un motivo para rechazar su solicitud. Si no está seguro, elija «no estoy seguro».',
  questions: {
    activeInfection: '¿Su hijo o hija tiene ahora una infección?',
    uncontrolledSeizures: '¿Tiene convulsiones que no están controladas?',
    kidneyOrLiverProblems: '¿Tiene problemas de riñón o de hígado?',
    geneticSyndrome: '¿Tiene diagnosticado un síndrome genético como X frágil o Rett?',
  },
  answers: { yes: 'Sí', no: 'No', 'not-sure': 'No estoy seguro' },
  consentTitle: 'Su consentimiento',
  consentIntro: 'Lea el aviso de privacidad antes de enviar:',
  noticeLink: (v: string) => `Aviso de privacidad (versión ${v}, se abre en otra pestaña)`,
  consent:
    'Obligatorio: acepto que el servicio de reservas guarde estos datos, incluidas las respuestas de salud, y los use solo para responder a esta solicitud.',
  shareWithClinics:
    'Opcional: el servicio de reservas puede además compartir estos datos con las clínicas elegidas. Sin esto, no se pasa nada a las clínicas.',
  website: 'Deje este campo vacío',
  send: 'Enviar solicitud',
  sendAgain: 'Intentar enviar de nuevo',
  sending: 'Enviando…',
  cancel: 'Volver a la comparación',
  done: 'Volver a la lista',
  fix: (n: number) =>
    n === 1 ? 'Revise 1 campo marcado abajo.' : `Revise ${n} campos marcados abajo.`,
  sent: (id: string) =>
    `Gracias. Su solicitud se envió y un coordinador le escribirá. Número de solicitud: ${id}`,
  keepLink: 'Guarde este enlace para ver o eliminar su solicitud:',
  receiptName: 'Su solicitud: verla o eliminarla',
  failed: {
    network:
      'Su solicitud no se envió: falló la conexión. Todo lo que escribió sigue aquí; pulse «Intentar enviar de nuevo».',
    rate: (s: number) =>
      `Hay demasiadas solicitudes ahora. Todo lo que escribió sigue aquí; inténtelo en ${s} segundos.`,
    unavailable: (s: number) =>
      `El servicio está ocupado. Todo lo que escribió sigue aquí; inténtelo en ${s} segundos.`,
    forbidden:
      'No se pueden enviar solicitudes desde esta página. Contacte con el dueño del sitio.',
    invalid: 'Algunas respuestas necesitan un cambio; vea los campos marcados abajo.',
    other: 'Su solicitud no se envió. Todo lo que escribió sigue aquí; inténtelo de nuevo.',
    challenge:
      'Su solicitud no se envió: no pudimos confirmar que la envía una persona. Todo lo que escribió sigue aquí. Revise su conexión, espere un momento y pulse «Intentar enviar de nuevo»; si sigue fallando, recargue la página.',
    trap: 'Su solicitud no se envió: se llenó un campo oculto, quizá por el autocompletado de su navegador. Lo vaciamos; todo lo que escribió sigue aquí. Pulse «Enviar solicitud» otra vez.',
  },
  errors: {
    parentName: 'Escriba su nombre.',
    email: 'Escriba un correo válido, como nombre@ejemplo.com.',
    phone: 'Escriba un teléfono con código de país, como +52 664 123 4567.',
    phoneNeeded: 'Escriba un teléfono para que le contactemos por llamada o WhatsApp.',
    contactChannel: 'Elija cómo prefiere que le contactemos.',
    language: 'Elija un idioma.',
    country: 'Elija su país.',
    childAgeYears: `Escriba la edad en años enteros, de ${CHILD_AGE_YEARS_MIN} a ${CHILD_AGE_YEARS_MAX}.`,
    message: `El mensaje puede tener como máximo ${MAX_MESSAGE_LENGTH} caracteres.`,
    preScreen: 'Elija sí, no o no estoy seguro.',
    consent: 'Acepte para que podamos enviar su solicitud.',
    other: 'Revise esta respuesta.',
  },
}

export const formStrings = (lang: Lang): FormStrings => (lang === 'es' ? es : en)
