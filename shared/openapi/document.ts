import type * as v from 'valibot'
import { ERRORS, type ErrorCode, type ErrorSpec } from '../errors.ts'
import type { ErrorBody } from '../schemas/api.ts'
import { COMPONENT_SCHEMAS, INPUT_SCHEMAS, SECURITY_SCHEMES } from './components.ts'
import { jsonSchemaOf } from './json-schema.ts'

type Json = Record<string, unknown>
type SchemaName = keyof typeof COMPONENT_SCHEMAS | keyof typeof INPUT_SCHEMAS
type SecurityName = keyof typeof SECURITY_SCHEMES

/**
 * One operation, described beside its handler in worker/routes/. Its error
 * responses come from `errors`: grouped by the status each code has in
 * shared/errors.ts, so a code's status is never written twice.
 */
export interface Operation {
  operationId: string
  summary: string
  description?: string
  /** Omitted: a public operation (`security: []`); a list: any one of them. */
  security?: SecurityName | readonly SecurityName[]
  parameters?: Json[]
  requestBody?: Json
  /** The answers that are not errors. */
  responses: Record<number, Json>
  /** Every code the operation may answer with, besides `internal` (any operation may). */
  errors: readonly ErrorCode[]
  /** Examples of some of those errors, shown under their status. */
  errorExamples?: readonly ErrorBody[]
}

/** A route module's operations by method and its own path (`GET /:id`), as Hono declares them. */
export type Operations = Record<`${'GET' | 'POST'} /${string}`, Operation>

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` })

export function jsonResponse(description: string, schema: SchemaName, example?: unknown): Json {
  return { description, content: { 'application/json': { schema: ref(schema), example } } }
}

export function jsonBody(schema: SchemaName, example?: unknown): Json {
  return { required: true, content: { 'application/json': { schema: ref(schema), example } } }
}

/** Query parameters straight from an object schema's entries. */
export function queryParameters(entries: v.ObjectEntries): Json[] {
  return Object.entries(entries).map(([name, entry]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchemaOf(entry, 'input'),
  }))
}

const HEADERS = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer' },
  },
  'WWW-Authenticate': { description: 'The bearer challenge', schema: { type: 'string' } },
}

function errorResponses(
  codes: readonly ErrorCode[],
  examples: readonly ErrorBody[] = [],
): Record<number, Json> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of [...codes, 'internal' as const]) {
    const status = ERRORS[code].status
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const responses: Record<number, Json> = {}
  for (const [status, group] of byStatus) {
    const headers = Object.fromEntries(
      group.flatMap((code) => {
        const error: ErrorSpec = ERRORS[code]
        return (error.headers ?? []).map((name) => [name, HEADERS[name]])
      }),
    )
    const shown = examples.filter((example) => group.includes(example.error))
    responses[status] = {
      description: group.map((code) => `\`${code}\`: ${ERRORS[code].meaning}.`).join(' '),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: {
        'application/json': {
          schema: {
            allOf: [ref('Error'), { type: 'object', properties: { error: { enum: group } } }],
          },
          ...(shown.length > 0
            ? { examples: Object.fromEntries(shown.map((value) => [value.error, { value }])) }
            : {}),
        },
      },
    }
  }
  return responses
}

/** `/v1/clinics` + `GET /:id` → `/v1/clinics/{id}`, with the path parameters it names. */
function pathOf(prefix: string, path: string): { path: string; parameters: Json[] } {
  const full = `${prefix}${path === '/' ? '' : path}`
  const names = [...full.matchAll(/:(\w+)/g)].map((match) => match[1])
  return {
    path: full.replace(/:(\w+)/g, '{$1}'),
    parameters: names.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
  }
}

function operationObject(operation: Operation, pathParameters: Json[]): Json {
  const { errors, errorExamples, security, parameters = [], responses, ...rest } = operation
  return {
    ...rest,
    security: (security === undefined
      ? []
      : typeof security === 'string'
        ? [security]
        : security
    ).map((name) => ({ [name]: [] })),
    parameters: [...pathParameters, ...parameters],
    responses: { ...responses, ...errorResponses(errors, errorExamples) },
  }
}

/** The document from the operations of every mounted route module, keyed by mount path. */
export function buildOpenApiDocument(mounts: Record<string, Operations>): Json {
  const paths: Record<string, Json> = {}
  for (const [prefix, operations] of Object.entries(mounts)) {
    for (const [key, operation] of Object.entries(operations)) {
      const [method = '', local = ''] = key.split(' ')
      const { path, parameters } = pathOf(prefix, local)
      paths[path] = {
        ...paths[path],
        [method.toLowerCase()]: operationObject(operation, parameters),
      }
    }
  }
  const schemas: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(COMPONENT_SCHEMAS)) {
    schemas[name] = jsonSchemaOf(schema)
  }
  for (const [name, schema] of Object.entries(INPUT_SCHEMAS)) {
    schemas[name] = jsonSchemaOf(schema, 'input')
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'clinic-compare API',
      version: '1.0.0',
      description:
        'Clinic facts as operators verified them, and requests for information from families. No outcome claims.',
    },
    // Relative: the Worker's own origin, wherever it is deployed.
    servers: [{ url: '/', description: 'The origin that served this document' }],
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  }
}
