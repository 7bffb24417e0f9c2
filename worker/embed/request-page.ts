import { type INQUIRY_LANGUAGES, MAX_CLINICS_PER_INQUIRY } from '../../shared/limits.ts'
import type { Partner } from '../../shared/schemas/partner.ts'
import type { CatalogSnapshot } from '../catalog/snapshot.ts'
import { escapeHtml } from './page.ts'

type RequestLang = (typeof INQUIRY_LANGUAGES)[number]

const TEXT: Record<
  RequestLang,
  { title: string; missing: string; origin: string; clinics: string; noscript: string }
> = {
  en: {
    title: 'Request information',
    missing: 'This site is not an active clinic-compare partner: no request can be sent from it.',
    origin: 'This page may not show the request form.',
    clinics: 'These clinics are not in the catalog. Go back and choose again.',
    noscript: 'The request form needs JavaScript.',
  },
  es: {
    title: 'Solicitar información',
    missing:
      'Este sitio no es un socio activo de clinic-compare: no se pueden enviar solicitudes desde él.',
    origin: 'Esta página no puede mostrar el formulario de solicitud.',
    clinics: 'Estas clínicas no están en el catálogo. Vuelva y elija de nuevo.',
    noscript: 'El formulario de solicitud necesita JavaScript.',
  },
}

export interface RequestQuery {
  partner: string
  clinics: string
  /** The partner page's origin, which the frame talks to. */
  origin: string
  lang: RequestLang
}

/** What the form's page needs to render Turnstile (wrangler.toml's TURNSTILE_* vars). */
export interface ChallengeConfig {
  siteKey: string
  scriptUrl: string
}

export type RequestPage =
  | { ok: true; title: string; body: string; frameAncestors: string[] }
  | { ok: false; status: 400 | 403 | 404; title: string; body: string; frameAncestors: string[] }

/**
 * What `/embed/request` shows. The form only for an active partner, clinics
 * of the catalog and a parent origin the partner lists (or this Worker's own
 * `/embed` and `/demo/` pages); `frame-ancestors` is the partner's list plus
 * 'self', so the browser refuses the frame anywhere else. An unknown
 * partner's page may be framed by no one.
 */
export function requestPage(
  catalog: CatalogSnapshot,
  query: RequestQuery,
  selfOrigin: string,
  challenge: ChallengeConfig,
): RequestPage {
  const t = TEXT[query.lang]
  const refuse = (status: 400 | 403 | 404, text: string, partner?: Partner): RequestPage => ({
    ok: false,
    status,
    title: t.title,
    body: `<main><p>${escapeHtml(text)}</p></main>`,
    frameAncestors: partner ? ["'self'", ...partner.allowedOrigins] : [],
  })
  const partner = catalog.partners.get(query.partner)
  if (!partner) return refuse(404, t.missing)
  if (!partner.active) return refuse(404, t.missing, partner)
  if (query.origin !== selfOrigin && !partner.allowedOrigins.includes(query.origin)) {
    return refuse(403, t.origin, partner)
  }
  const ids = query.clinics.split(',').filter(Boolean)
  const clinics = ids.flatMap((id) => {
    const clinic = catalog.byId.get(id)
    return clinic ? [{ id: clinic.id, name: clinic.name }] : []
  })
  if (
    clinics.length === 0 ||
    clinics.length !== ids.length ||
    new Set(ids).size !== ids.length ||
    ids.length > MAX_CLINICS_PER_INQUIRY
  ) {
    return refuse(400, t.clinics, partner)
  }
  // Every value is escaped into an attribute; the frame's script reads them from the dataset.
  const data = {
    partner: partner.id,
    lang: query.lang,
    origin: query.origin,
    clinics: JSON.stringify(clinics),
    'turnstile-sitekey': challenge.siteKey,
    'turnstile-script': challenge.scriptUrl,
  }
  const attributes = Object.entries(data)
    .map(([name, value]) => `data-${name}="${escapeHtml(value)}"`)
    .join(' ')
  return {
    ok: true,
    title: `${t.title} · ${partner.name}`,
    // Turnstile renders into the light DOM (its slot in the form's shadow
    // tree), where its own script finds the container as it expects.
    body: `<main><div id="cc-request" ${attributes}><div slot="challenge" id="cc-challenge"></div></div></main>\n<noscript><p>${escapeHtml(t.noscript)}</p></noscript>`,
    frameAncestors: ["'self'", ...partner.allowedOrigins],
  }
}
