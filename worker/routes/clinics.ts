import { Hono } from 'hono'
import * as v from 'valibot'
import { jsonResponse, type Operations, queryParameters } from '../../shared/openapi/document.ts'
import { clinicExample, errorExample, exchangeRateExample } from '../../shared/openapi/examples.ts'
import { ClinicsQuery } from '../../shared/schemas/api.ts'
import { Id } from '../../shared/schemas/common.ts'
import { catalogEtag, etagMatches } from '../catalog/etag.ts'
import { filterClinics, filterKey } from '../catalog/filter.ts'
import { clinicHistory } from '../catalog/history.ts'
import { catalogFor } from '../catalog/snapshot.ts'
import { ApiError } from '../http/api-error.ts'
import { parseOrThrow } from '../http/validate.ts'
import type { AppEnv } from '../types.ts'

/** A public catalog: shared caches may keep it briefly and serve it stale while refetching. */
const CATALOG_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300'

function cachedJson(body: string, etag: string, ifNoneMatch: string | undefined): Response {
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': CATALOG_CACHE_CONTROL,
    ETag: etag,
  }
  if (etagMatches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers })
}

export const clinicsRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const query = parseOrThrow(ClinicsQuery, c.req.query(), {
      code: 'invalid_filter',
      message:
        "A filter value is not valid. Allowed: route=iv|intrathecal, maxPrice=<number> (with currency=<ISO 4217>, USD by default; other currencies are compared at the catalog's exchange rates), city=<name>.",
    })
    const catalog = await catalogFor(c)
    const variant = filterKey(query)
    const etag = catalogEtag(catalog.hash, variant)
    const ifNoneMatch = c.req.header('If-None-Match')
    if (variant === '') return cachedJson(catalog.allClinicsBody, etag, ifNoneMatch)
    const { clinics, budget } = filterClinics(catalog.clinics, catalog.exchangeRates, query)
    const { updatedAt, exchangeRates } = catalog
    const body = JSON.stringify({ clinics, updatedAt, exchangeRates, budget })
    return cachedJson(body, etag, ifNoneMatch)
  })
  .get('/:id/history', async (c) => {
    const id = c.req.param('id')
    const catalog = await catalogFor(c)
    if (!v.is(Id, id) || !catalog.byId.has(id)) {
      throw new ApiError('clinic_not_found', 'No clinic with that id is in the catalog.')
    }
    const history = await clinicHistory(c.env.LEADS, id).catch((cause: unknown) => {
      throw new ApiError('history_unavailable', 'The change history cannot be read right now.', {
        cause,
        headers: { 'Retry-After': '5' },
      })
    })
    return c.json(history, 200, { 'Cache-Control': HISTORY_CACHE_CONTROL })
  })
  .get('/:id', async (c) => {
    const id = c.req.param('id')
    const catalog = await catalogFor(c)
    const clinic = v.is(Id, id) ? catalog.byId.get(id) : undefined
    if (!clinic) throw new ApiError('clinic_not_found', 'No clinic with that id is in the catalog.')
    return cachedJson(
      JSON.stringify(clinic),
      catalogEtag(catalog.hash, `clinic:${id}`),
      c.req.header('If-None-Match'),
    )
  })

/** A clinic's history changes only on a publish: shared caches may keep it a minute. */
const HISTORY_CACHE_CONTROL = 'public, max-age=60'

const notModified = { description: 'Not modified (If-None-Match matched the ETag)' }

export const clinicsOperations: Operations = {
  'GET /': {
    operationId: 'listClinics',
    summary: 'List clinics with their packages',
    parameters: queryParameters(ClinicsQuery.entries),
    responses: {
      200: jsonResponse('The catalog, filtered', 'ClinicList', {
        clinics: [clinicExample],
        updatedAt: '2026-11-01T00:00:00Z',
        exchangeRates: [exchangeRateExample],
        budget: {
          maxPrice: 15000,
          currency: 'USD',
          convertedWith: [exchangeRateExample.id],
          notCompared: [],
        },
      }),
      304: notModified,
    },
    errors: ['invalid_filter', 'catalog_unavailable'],
    errorExamples: [errorExample],
  },
  'GET /:id': {
    operationId: 'getClinic',
    summary: 'One clinic with its packages',
    responses: { 200: jsonResponse('The clinic', 'Clinic', clinicExample), 304: notModified },
    errors: ['clinic_not_found', 'catalog_unavailable'],
  },
  'GET /:id/history': {
    operationId: 'getClinicHistory',
    summary: "A clinic's public change history",
    description:
      'Every published change to the clinic and its packages, newest first (at most 100 change sets): when, which field, before and after. Who published and why stay with the operators.',
    responses: {
      200: jsonResponse('The history', 'ClinicHistory', {
        clinicId: 'aurora-tijuana',
        changeSets: [
          {
            publishedAt: '2026-12-06T10:00:00.000Z',
            changes: [
              {
                record: 'clinic',
                id: 'aurora-tijuana',
                kind: 'changed',
                field: 'licences.regenerativeMedicine.provenance.checkedAt',
                before: '2026-10-02',
                after: '2026-12-05',
              },
            ],
          },
        ],
      }),
    },
    errors: ['clinic_not_found', 'catalog_unavailable', 'history_unavailable'],
  },
}
