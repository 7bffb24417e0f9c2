import type * as v from 'valibot'
import { ClinicsQuery, ClinicsResponse, ClinicView, ErrorBody } from '../schemas/api.ts'
import { PublicPartner } from '../schemas/partner.ts'
import { clinicExample, errorExample, publicPartnerExample } from './examples.ts'
import { jsonSchemaOf } from './json-schema.ts'

type Json = Record<string, unknown>

export const errorResponse = (description: string, example?: unknown): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example } },
})

function jsonResponse(description: string, ref: string, example?: unknown): Json {
  return {
    description,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` }, example } },
  }
}

/** Query parameters straight from an object schema's entries. */
function queryParameters(entries: v.ObjectEntries): Json[] {
  return Object.entries(entries).map(([name, entry]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchemaOf(entry, 'input'),
  }))
}

/** Paths other parts of the API add (intake, coordinators). */
export interface OpenApiPart {
  paths: Json
  schemas: Record<string, v.GenericSchema>
  inputSchemas?: Record<string, v.GenericSchema>
}

const catalogPart: OpenApiPart = {
  schemas: { Clinic: ClinicView, ClinicList: ClinicsResponse, PublicPartner, Error: ErrorBody },
  paths: {
    '/v1/clinics': {
      get: {
        summary: 'List clinics with their packages',
        parameters: queryParameters(ClinicsQuery.entries),
        responses: {
          200: jsonResponse('The catalog, filtered', 'ClinicList', {
            clinics: [clinicExample],
            updatedAt: '2026-11-01T00:00:00Z',
          }),
          304: { description: 'Not modified (If-None-Match matched the ETag)' },
          400: errorResponse('A filter value is not valid', errorExample),
          503: errorResponse('The catalog cannot be read right now'),
        },
      },
    },
    '/v1/clinics/{id}': {
      get: {
        summary: 'One clinic with its packages',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: jsonResponse('The clinic', 'Clinic', clinicExample),
          304: { description: 'Not modified' },
          404: errorResponse('No such clinic'),
        },
      },
    },
    '/v1/partners/{id}': {
      get: {
        summary: 'What the widget may know about an active partner',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: jsonResponse('The partner', 'PublicPartner', publicPartnerExample),
          404: errorResponse('No active partner with that id'),
        },
      },
    },
    '/healthz': {
      get: {
        summary: 'Whether the Worker and its bindings answer',
        responses: {
          200: { description: 'Healthy' },
          503: { description: 'A binding does not answer' },
        },
      },
    },
  },
}

export function buildOpenApiDocument(parts: OpenApiPart[] = []): Json {
  const all = [catalogPart, ...parts]
  const schemas: Record<string, unknown> = {}
  for (const part of all) {
    for (const [name, schema] of Object.entries(part.schemas)) schemas[name] = jsonSchemaOf(schema)
    for (const [name, schema] of Object.entries(part.inputSchemas ?? {})) {
      schemas[name] = jsonSchemaOf(schema, 'input')
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'clinic-compare API',
      version: '1.0.0',
      description:
        'Clinic facts as operators verified them, and requests for information from families. No outcome claims.',
    },
    paths: Object.assign({}, ...all.map((part) => part.paths)),
    components: { schemas },
  }
}
