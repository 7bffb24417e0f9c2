import { Hono } from 'hono'
import type { Operations } from '../../shared/openapi/document.ts'
import { HEALTH_HTTP_STATUS, healthReport } from '../health/report.ts'
import { BEARER_AUTH_ERRORS } from '../http/bearer-auth.ts'
import type { AppEnv } from '../types.ts'

/**
 * Public: the status alone. What is wrong (a refused secret, a dead-letter
 * backlog, partner counts) tells an attacker where to push, so it is only
 * in the coordinators' view (healthDetailRoutes).
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { status } = await healthReport(c)
  c.header('Cache-Control', 'no-store')
  return c.json({ status }, HEALTH_HTTP_STATUS[status])
})

/** Mounted behind coordinatorOnly (see app.ts): every check and what it found. */
export const healthDetailRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const report = await healthReport(c)
  return c.json(report, HEALTH_HTTP_STATUS[report.status])
})

const statuses =
  'ok (200), degraded (200: a secret or a catalog record is refused, or dead letters wait) or failing (503: a binding does not answer)'

export const healthOperations: Operations = {
  'GET /': {
    operationId: 'getHealth',
    summary: 'Whether the Worker and its bindings answer',
    description: `Only {"status"}: ${statuses}. What is wrong is in the coordinators' GET /v1/health. Never cached.`,
    responses: {
      200: { description: 'ok or degraded' },
      503: { description: 'failing: a binding does not answer' },
    },
    errors: [],
  },
}

export const healthDetailOperations: Operations = {
  'GET /': {
    operationId: 'getHealthDetail',
    summary: 'Every health check and what it found, for coordinators and operators',
    description: `status is ${statuses}; with the bindings, the secrets' problems, the dead-letter backlog and the catalog's counts. Never cached.`,
    security: 'coordinatorToken',
    responses: {
      200: { description: 'ok or degraded, with every check' },
      503: { description: 'failing, with every check' },
    },
    errors: BEARER_AUTH_ERRORS,
  },
}
