import fc from 'fast-check'
import * as v from 'valibot'
import { standinToken } from '../scripts/lib/turnstile-token.ts'
import type { CatalogFile } from '../shared/schemas/catalog.ts'
import { Inquiry } from '../shared/schemas/inquiry.ts'
import {
  TURNSTILE_ACTION,
  TURNSTILE_TEST_SITE_KEYS,
  TURNSTILE_TOKEN_HEADER,
} from '../shared/turnstile.ts'
import { BENCH_PARTNER, validInquiry } from './inquiry-body.ts'

/**
 * The Worker's body limit (MAX_INQUIRY_BYTES in worker/routes/inquiries.ts).
 * Over-limit cases are all far above it, so they stay over if it moves a little.
 */
export const INQUIRY_BODY_LIMIT = 16 * 1024

export interface HostileCase {
  kind: string
  headers: Record<string, string>
  /** A Uint8Array goes without any Content-Type; a string gets the header given. */
  body: string | Uint8Array<ArrayBuffer>
}

export interface Expectation {
  accept: boolean
  /** The status the contract asks for; detail only, the budget is accept or not. */
  status: number
  reason: string
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** Clinics must be in the catalog and each package must belong to a chosen clinic (issue 3). */
function catalogRefsOk(inquiry: Inquiry, catalog: CatalogFile): boolean {
  const clinics = new Set(catalog.clinics.map((c) => c.id))
  if (!inquiry.clinicIds.every((id) => clinics.has(id))) return false
  const chosen = new Set(inquiry.clinicIds)
  return (inquiry.packageIds ?? []).every((id) =>
    catalog.packages.some((p) => p.id === id && chosen.has(p.clinicId)),
  )
}

/**
 * What the contract says the Worker must answer, decided from the shared
 * schema and the partner rules only: the oracle the bench judges 202s by,
 * and the Worker tests judge every status by (test/worker/inquiries-hostile.test.ts).
 * `workerOrigin` is the Worker's own origin, its /embed frame's, which it
 * accepts whatever the partner lists.
 */
export function expectation(
  request: HostileCase,
  catalog: CatalogFile,
  workerOrigin?: string,
): Expectation {
  // What the Worker reads: the body as UTF-8 bytes (a lone surrogate becomes U+FFFD).
  const bytes =
    typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body
  const refuse = (status: number, reason: string) => ({ accept: false, status, reason })
  if (bytes.length > INQUIRY_BODY_LIMIT) return refuse(413, 'over-limit')
  const type = typeof request.body === 'string' ? (request.headers['Content-Type'] ?? '') : ''
  if (!JSON_MEDIA_TYPE.test(type)) return refuse(415, 'not-json')
  const parsed = parseJson(new TextDecoder().decode(bytes))
  if (!parsed.ok) return refuse(400, 'malformed-json')
  const partnerId = (parsed.value as { partnerId?: unknown } | null)?.partnerId
  const partner = catalog.partners.find((p) => p.id === partnerId)
  if (!partner?.active) return refuse(403, 'partner')
  const origin = request.headers.Origin
  if (origin !== undefined && origin !== workerOrigin && !partner.allowedOrigins.includes(origin)) {
    return refuse(403, 'origin')
  }
  let result: ReturnType<typeof v.safeParse<typeof Inquiry>>
  try {
    result = v.safeParse(Inquiry, parsed.value)
  } catch {
    // A schema that throws accepts nothing; the contract still asks for a 422.
    return refuse(422, 'schema-throws')
  }
  if (!result.success) return refuse(422, 'schema')
  if (!catalogRefsOk(result.output, catalog)) return refuse(422, 'catalog-refs')
  return { accept: true, status: 202, reason: 'valid' }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Body = Record<string, Json>

const inquiryEntries = Inquiry.pipe[0].entries
/** Fields the schema requires, read from the schema itself. */
const REQUIRED_FIELDS = Object.entries(inquiryEntries)
  .filter(([, schema]) => schema.type !== 'optional')
  .map(([key]) => key)

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (value === null) return 'null'
  return typeof value
}

const anyOtherValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { minLength: 1, maxLength: 4 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), { minKeys: 1 }),
  fc.string({ maxLength: 20 }),
)

/** A long run of visible characters, so trimming cannot shorten it. */
const longText = (min: number, max: number) =>
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme-ascii' }), fc.nat({ max }))
    .map(([chunk, extra]) => {
      const visible = chunk.replace(/\s/g, '') || 'x'
      return visible.repeat(Math.ceil((min + extra) / visible.length)).slice(0, min + extra)
    })

const withField = (body: Body, key: string, value: Json | undefined): Body => {
  const copy: Body = { ...body }
  if (value === undefined) delete copy[key]
  else copy[key] = value
  return copy
}

interface Ctx {
  catalog: CatalogFile
  origin: string
}

function jsonCase(kind: string, ctx: Ctx, body: Body | string, origin?: string): HostileCase {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const sentOrigin = origin === undefined ? ctx.origin : origin
  if (sentOrigin !== '') headers.Origin = sentOrigin
  return { kind, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

/** How the sender proves its way in (worker/intake/way-in.ts), for bodies the cases are about. */
export interface WayInCredentials {
  /** The partner's API key, for cases sent without Origin, as its server would. */
  apiKey: string
}

/**
 * A case with the credentials its way in needs: a fresh stand-in Turnstile
 * token (scripts/lib/turnstile-token.ts) for the partner it names when it
 * carries an Origin, the partner's API key when it does not. The cases are
 * about bodies; the ways in are tested on their own
 * (test/worker/inquiries-ways-in.test.ts).
 */
export function withWayIn(request: HostileCase, credentials: WayInCredentials): HostileCase {
  const headers = { ...request.headers }
  if (headers.Origin === undefined) headers.Authorization = `Bearer ${credentials.apiKey}`
  else {
    headers[TURNSTILE_TOKEN_HEADER] = standinToken({
      hostname: hostnameOf(headers.Origin),
      action: TURNSTILE_ACTION,
      cdata: partnerIdOf(request.body),
      sitekey: TURNSTILE_TEST_SITE_KEYS.alwaysPasses,
    })
  }
  return { ...request, headers }
}

/** Turnstile names the hostname of the page it ran on; `null` and the like name none. */
function hostnameOf(origin: string): string {
  try {
    return new URL(origin).hostname
  } catch {
    return ''
  }
}

function partnerIdOf(body: HostileCase['body']): string {
  if (typeof body !== 'string') return ''
  const parsed = parseJson(body)
  const id = parsed.ok ? (parsed.value as { partnerId?: unknown } | null)?.partnerId : undefined
  return typeof id === 'string' ? id : ''
}

/** Every kind of hostile body, each built so the contract refuses it. */
export function hostileCase(ctx: Ctx): fc.Arbitrary<HostileCase> {
  const base = fc.nat({ max: 999 }).map((n) => validInquiry(ctx.catalog, n) as unknown as Body)
  const originOrNone = fc.constantFrom(ctx.origin, '')
  const stringFields = (body: Body) => Object.keys(body).filter((k) => typeof body[k] === 'string')

  return fc.oneof(
    // Not JSON at all, truncated JSON, JSON with trailing garbage, JS-ish literals.
    fc
      .tuple(base, fc.nat(), fc.string({ maxLength: 40 }))
      .map(([body, cut, junk]) => {
        const text = JSON.stringify(body)
        const variants = [
          text.slice(0, cut % text.length),
          `${text}${junk}}`,
          `{'partnerId': 'demo'}`,
          `{"partnerId": "demo", consent: true}`,
          `${junk}{`,
          'NaN',
          '',
        ]
        return variants[cut % variants.length] ?? ''
      })
      .filter((text) => !parseJson(text).ok)
      .chain((text) => originOrNone.map((o) => jsonCase('invalid-json', ctx, text, o))),
    // Valid JSON that is not an object.
    fc
      .oneof(
        fc.jsonValue().filter((j) => kindOf(j) !== 'object'),
        fc.array(base, { minLength: 1, maxLength: 2 }),
      )
      .map((j) => jsonCase('not-an-object', ctx, JSON.stringify(j))),
    // One field of the wrong type.
    fc.tuple(base, fc.nat(), anyOtherValue).map(([body, i, value]) => {
      const keys = Object.keys(body).filter((k) => k !== 'partnerId')
      const key = keys[i % keys.length] ?? 'parentName'
      const original = body[key]
      const replacement =
        kindOf(value) === kindOf(original) || (key === 'message' && typeof value === 'string')
          ? kindOf(original) === 'number'
            ? 'not a number'
            : 12345
          : value
      return jsonCase('wrong-type', ctx, withField(body, key, replacement))
    }),
    // A required field missing.
    fc
      .tuple(base, fc.constantFrom(...REQUIRED_FIELDS.filter((k) => k !== 'partnerId')))
      .map(([body, key]) => jsonCase('missing-field', ctx, withField(body, key, undefined))),
    // A string field far over its bound, yet under the body limit.
    fc.tuple(base, fc.nat(), longText(2001, 8000)).map(([body, i, long]) => {
      const keys = stringFields(body).filter((k) => k !== 'partnerId')
      const key = keys[i % keys.length] ?? 'parentName'
      return jsonCase('huge-string', ctx, withField(body, key, long))
    }),
    // Over the body limit: padding around a valid body, or a giant message.
    fc
      .tuple(base, fc.integer({ min: 20_000, max: 60_000 }), fc.boolean())
      .map(([body, size, pad]) =>
        jsonCase(
          'over-limit',
          ctx,
          pad
            ? `${' '.repeat(size)}${JSON.stringify(body)}`
            : withField(body, 'message', 'x'.repeat(size)),
        ),
      ),
    // A valid body under a type that is not JSON, or with no type at all.
    fc
      .tuple(
        base,
        fc.constantFrom(
          'text/plain',
          'text/plain;charset=UTF-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=bench',
          'text/html',
          'application/xml',
          'application/jsonx',
          'json',
          '',
        ),
      )
      .map(([body, type]): HostileCase => {
        const text = JSON.stringify(body)
        if (type === '') {
          return {
            kind: 'content-type',
            headers: { Origin: ctx.origin },
            // Copied, so it is a Uint8Array<ArrayBuffer> under Node's types and workerd's alike.
            body: Uint8Array.from(new TextEncoder().encode(text)),
          }
        }
        return {
          kind: 'content-type',
          headers: { 'Content-Type': type, Origin: ctx.origin },
          body: text,
        }
      }),
    // Prototype-pollution keys, at the top or nested.
    fc
      .tuple(
        base,
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.constantFrom('top', 'preScreen'),
      )
      .map(([body, key, where]) => {
        const payload = `"${key}":{"polluted":true,"prototype":{"polluted":true}}`
        const text = JSON.stringify(body)
        const raw =
          where === 'top'
            ? `{${payload},${text.slice(1)}`
            : text.replace('"preScreen":{', `"preScreen":{${payload},`)
        return jsonCase('prototype-pollution', ctx, raw)
      }),
    // A partner that does not exist or is not active.
    fc
      .tuple(
        base,
        fc.oneof(
          fc.constant('demo-inactive'),
          fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((id) => !id.startsWith('demo')),
          anyOtherValue.filter((value) => value !== BENCH_PARTNER),
        ),
      )
      .map(([body, partnerId]) =>
        jsonCase('unknown-partner', ctx, withField(body, 'partnerId', partnerId)),
      ),
    // No consent, or something that only looks like it.
    fc
      .tuple(
        base,
        fc.constantFrom<Json | undefined>(false, 'true', 1, null, undefined, 'yes', [true]),
      )
      .map(([body, consent]) =>
        jsonCase('missing-consent', ctx, withField(body, 'consent', consent)),
      ),
    // The honeypot filled in, as bots do.
    fc
      .tuple(
        base,
        fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
      )
      .map(([body, website]) => jsonCase('honeypot', ctx, withField(body, 'website', website))),
    // An Origin the partner does not allow.
    fc
      .tuple(
        base,
        fc.oneof(
          fc.constantFrom('https://evil.example', 'null', 'http://localhost', 'http://127.0.0.1'),
          fc.webUrl().map((u) => new URL(u).origin),
        ),
      )
      .filter(([, origin]) => !ctx.catalog.partners.some((p) => p.allowedOrigins.includes(origin)))
      .map(([body, origin]) => jsonCase('bad-origin', ctx, body, origin)),
    // Values of the right type that the schema or the catalog refuses.
    fc.tuple(base, fc.nat()).map(([body, i]) => {
      const other = ctx.catalog.packages.find(
        (p) => !(body.clinicIds as string[]).includes(p.clinicId),
      )
      const edits: [string, Json | undefined][] = [
        ['childAgeYears', 26],
        ['childAgeYears', -1],
        ['childAgeYears', 3.5],
        ['country', 'XX'],
        ['country', 'MEX'],
        ['country', 'mx'],
        ['email', 'not-an-email'],
        ['language', 'fr'],
        ['contactChannel', 'fax'],
        ['clinicIds', []],
        ['clinicIds', ['no-such-clinic']],
        ['clinicIds', ['aurora-tijuana', 'aurora-tijuana']],
        ['clinicIds', ctx.catalog.clinics.slice(0, 4).map((c) => c.id)],
        ['packageIds', [other?.id ?? 'no-such-package']],
        ['preScreen', { activeInfection: 'maybe' }],
        ['parentName', '   '],
        ['phone', 'call me'],
        ['unexpected', 'field'],
      ]
      const [key, value] = edits[i % edits.length] ?? ['email', 'x']
      const edited = withField(body, key, value)
      if (key === 'preScreen')
        edited.preScreen = { ...(body.preScreen as Body), ...(value as Body) }
      return jsonCase('bad-value', ctx, edited)
    }),
    // Deep nesting inside a field, to stress parser and validator.
    fc
      .tuple(base, fc.integer({ min: 100, max: 5000 }), fc.constantFrom('[', '{"a":'))
      .map(([body, depth, open]) => {
        const close = open === '[' ? ']' : '}'
        const nested = `${open.repeat(depth)}1${close.repeat(depth)}`
        const text = JSON.stringify(withField(body, 'message', 'NESTED')).replace(
          '"NESTED"',
          nested,
        )
        return jsonCase('deep-nesting', ctx, text)
      }),
    // Arbitrary JSON objects.
    fc
      .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 12 })
      .map((object) => jsonCase('random-object', ctx, object as Body)),
  )
}

/** The same cases on every run for a given seed. */
export function hostileCases(ctx: Ctx, count: number, seed = 20261125): HostileCase[] {
  return fc.sample(hostileCase(ctx), { numRuns: count, seed })
}
