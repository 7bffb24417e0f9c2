import type { Lang } from '../common/lang.ts'

const en = {
  noSecret:
    'This link is missing its private part (after the #). Open the whole link you kept after sending your request.',
  loading: 'Looking up your request…',
  unknown: 'This link is not valid. Check that it was copied whole.',
  withdrawn: 'This request was deleted. Nothing of it is kept but the note that it was deleted.',
  rate: 'Too many tries from here. Please wait a minute and reload the page.',
  failed: 'We could not look up your request just now.',
  retry: 'Try again',
  queued:
    'Nothing is shown for this request yet. If you sent it just now, it is on its way: reload this page in a minute. You can already delete it. (A request is deleted 90 days after a coordinator handled it.)',
  received: (date: string) => `Received on ${date}.`,
  delivery: 'Delivery',
  notDelivered: 'Not yet delivered to a coordinator.',
  deliveredTo: (who: string, date: string) => `Delivered to coordinator “${who}” on ${date}.`,
  handled: (date: string) => `Handled on ${date}.`,
  sent: 'What you sent',
  consent: 'What you agreed to',
  clinics: 'Clinics',
  preScreen: 'Health questions',
  notice: 'Privacy notice',
  noticeLink: (version: string) => `Version ${version}`,
  noticeHash: 'SHA-256 of the notice text',
  keepAndUse: 'Keep and use my answers to answer this request',
  share: 'Share my answers with the clinics I named',
  yes: 'Yes',
  no: 'No',
  agreedAt: 'When',
  partner: 'Site',
  origin: 'Sent from',
  server: 'the site’s server',
  download: 'Download as JSON',
  delete: 'Delete my request',
  confirm:
    'Delete your request for good? Our copy is deleted at once, and every coordinator who received it is told to delete theirs. This cannot be undone.',
  confirmYes: 'Yes, delete it',
  confirmNo: 'Keep it',
  deleting: 'Deleting…',
  deleted: (date: string, n: number) =>
    `Your request was deleted on ${date}.` +
    (n === 0
      ? ' No coordinator had received it.'
      : ` ${n === 1 ? 'The coordinator who had received it is' : `The ${n} coordinators who had received it are`} told to delete their copies.`),
  fields: {
    parentName: 'Your name',
    email: 'Email',
    phone: 'Phone',
    contactChannel: 'Contact by',
    language: 'Language for our answer',
    country: 'Country',
    childAgeYears: 'Child’s age in years',
    message: 'Message',
  },
}

export type MyRequestStrings = typeof en

const es: MyRequestStrings = {
  noSecret:
    'A este enlace le falta su parte privada (después del #). Abra el enlace completo que guardó al enviar su solicitud.',
  loading: 'Buscando su solicitud…',
  unknown: 'Este enlace no es válido. Compruebe que lo copió completo.',
  withdrawn:
    'Esta solicitud se eliminó. No se guarda nada de ella salvo la nota de que se eliminó.',
  rate: 'Demasiados intentos desde aquí. Espere un minuto y recargue la página.',
  failed: 'No pudimos buscar su solicitud en este momento.',
  retry: 'Intentar de nuevo',
  queued:
    'Aún no se muestra nada de esta solicitud. Si la envió hace un momento, va en camino: recargue esta página en un minuto. Ya puede eliminarla. (Una solicitud se elimina 90 días después de que un coordinador la atendió.)',
  received: (date: string) => `Recibida el ${date}.`,
  delivery: 'Entrega',
  notDelivered: 'Aún no entregada a un coordinador.',
  deliveredTo: (who: string, date: string) => `Entregada al coordinador «${who}» el ${date}.`,
  handled: (date: string) => `Atendida el ${date}.`,
  sent: 'Lo que envió',
  consent: 'Lo que aceptó',
  clinics: 'Clínicas',
  preScreen: 'Preguntas de salud',
  notice: 'Aviso de privacidad',
  noticeLink: (version: string) => `Versión ${version}`,
  noticeHash: 'SHA-256 del texto del aviso',
  keepAndUse: 'Guardar y usar mis respuestas para responder a esta solicitud',
  share: 'Compartir mis respuestas con las clínicas elegidas',
  yes: 'Sí',
  no: 'No',
  agreedAt: 'Cuándo',
  partner: 'Sitio',
  origin: 'Enviada desde',
  server: 'el servidor del sitio',
  download: 'Descargar en JSON',
  delete: 'Eliminar mi solicitud',
  confirm:
    '¿Eliminar su solicitud definitivamente? Nuestra copia se borra de inmediato y se avisa a cada coordinador que la recibió para que borre la suya. No se puede deshacer.',
  confirmYes: 'Sí, eliminarla',
  confirmNo: 'Conservarla',
  deleting: 'Eliminando…',
  deleted: (date: string, n: number) =>
    `Su solicitud se eliminó el ${date}.` +
    (n === 0
      ? ' Ningún coordinador la había recibido.'
      : ` Se avisa ${n === 1 ? 'al coordinador que la había recibido' : `a los ${n} coordinadores que la habían recibido`} para que borren sus copias.`),
  fields: {
    parentName: 'Su nombre',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    contactChannel: 'Contacto por',
    language: 'Idioma de la respuesta',
    country: 'País',
    childAgeYears: 'Edad del niño o niña en años',
    message: 'Mensaje',
  },
}

export const myRequestStrings = (lang: Lang): MyRequestStrings => (lang === 'es' ? es : en)
