import type { NoticeLanguage } from './versions.ts'

/**
 * The privacy notice of version 2026-12, as shown to families. Its SHA-256
 * (of this text as UTF-8) is kept in every consent made under it, so once a
 * version is published its text never changes: a change is a new version
 * (versions.ts) with its own file.
 */
export const NOTICE_2026_12: Record<NoticeLanguage, string> = {
  en: `Privacy notice for requests for information (version 2026-12)

Who we are
This form is run by the clinic-compare booking service, not by the website that shows it. The website (our partner) never sees what you type here.

What we collect
Your name, email address, phone number if you give one, how and in which language to contact you, your country, your child's age, your message, your answers to four health questions about your child, and the clinics you chose.

Why
To answer this request: a coordinator of the booking service reads it and contacts you. Your health answers tell the physician which questions to ask; they never make us refuse a request.

Your two choices
1. Keep and use (required): you agree that we keep your answers, including the health answers, and use them only to answer this request. Without this we cannot take the request.
2. Share with the clinics you named (optional): you agree that a coordinator may pass your answers to those clinics. If you do not tick it, your request is marked "do not share with clinics" and the clinics receive nothing from it unless you tell us otherwise.
Both boxes start unticked. We keep a record of what you chose, when, this notice's version and a fingerprint (SHA-256) of its text.

Who receives your answers
The coordinators of the booking service; the clinics you named only if you chose to share. We do not sell your data. The partner website receives only counts of requests, never anything about you.

How long we keep it
Encrypted, until a coordinator has handled your request and then 90 days; after that it is deleted.

Your rights
After sending, you get a private link. With it you can see what we keep about your request, download it, see whether and when a coordinator received it, and delete it. A deletion stops the request at once, deletes our copy, and tells every coordinator who received it to delete theirs. You can also write to privacy@clinic-compare.example to ask for access or deletion; we answer within 30 days (at the latest 45 days).
These rights follow, among others, Washington's My Health My Data Act, Mexico's Federal Law on the Protection of Personal Data Held by Private Parties (2025) and the EU General Data Protection Regulation (articles 7, 9, 15 and 17).
`,
  es: `Aviso de privacidad para solicitudes de información (versión 2026-12)

Quiénes somos
Este formulario lo opera el servicio de reservas clinic-compare, no el sitio web que lo muestra. El sitio web (nuestro socio) nunca ve lo que usted escribe aquí.

Qué datos recabamos
Su nombre, su correo electrónico, su teléfono si lo da, cómo y en qué idioma contactarle, su país, la edad de su hijo o hija, su mensaje, sus respuestas a cuatro preguntas de salud sobre su hijo o hija y las clínicas que eligió.

Para qué
Para responder a esta solicitud: un coordinador del servicio de reservas la lee y le contacta. Sus respuestas de salud indican al médico qué preguntar; nunca son motivo para rechazar una solicitud.

Sus dos decisiones
1. Guardar y usar (obligatorio): acepta que guardemos sus respuestas, incluidas las de salud, y las usemos solo para responder a esta solicitud. Sin esto no podemos recibir la solicitud.
2. Compartir con las clínicas elegidas (opcional): acepta que un coordinador pase sus respuestas a esas clínicas. Si no marca esta casilla, su solicitud queda marcada «no compartir con las clínicas» y las clínicas no reciben nada de ella salvo que usted nos diga otra cosa.
Las dos casillas empiezan sin marcar. Guardamos constancia de lo que eligió, cuándo, la versión de este aviso y una huella (SHA-256) de su texto.

Quién recibe sus respuestas
Los coordinadores del servicio de reservas; las clínicas elegidas solo si usted eligió compartir. No vendemos sus datos. El sitio web socio recibe solo conteos de solicitudes, nunca nada sobre usted.

Cuánto tiempo los guardamos
Cifrados, hasta que un coordinador atienda su solicitud y después 90 días; luego se eliminan.

Sus derechos
Al enviar, recibe un enlace privado. Con él puede ver lo que guardamos de su solicitud, descargarlo, ver si un coordinador la recibió y cuándo, y eliminarla. Al eliminarla, la solicitud se bloquea de inmediato, se borra nuestra copia y se avisa a cada coordinador que la recibió para que borre la suya. También puede escribir a privacy@clinic-compare.example para pedir acceso o cancelación; respondemos en un plazo de 30 días (como máximo 45 días).
Estos derechos siguen, entre otras, la My Health My Data Act de Washington, la Ley Federal de Protección de Datos Personales en Posesión de los Particulares de México (2025) y el Reglamento General de Protección de Datos de la UE (artículos 7, 9, 15 y 17).
`,
}
