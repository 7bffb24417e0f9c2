import { Hono } from 'hono'
import * as v from 'valibot'
import { PublicPartner } from '../../shared/schemas/partner.ts'
import { catalogFor, findPartner } from '../catalog/snapshot.ts'
import { ApiError } from '../http/api-error.ts'
import type { AppEnv } from '../types.ts'

/** What the widget needs to know about the partner that embeds it. */
export const partnersRoutes = new Hono<AppEnv>().get('/:id', async (c) => {
  const catalog = await catalogFor(c)
  const partner = findPartner(catalog, c.req.param('id'))
  if (!partner?.active) {
    throw new ApiError(404, 'partner_not_found', 'No active partner with that id.')
  }
  c.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=300')
  return c.json(v.parse(PublicPartner, partner))
})
