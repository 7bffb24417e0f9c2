import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { coordinatorOnly } from './http/coordinator-only.ts'
import { notFound, onError } from './http/on-error.ts'
import { securityHeaders } from './http/security-headers.ts'
import { clinicsRoutes } from './routes/clinics.ts'
import { deadLettersRoutes } from './routes/dead-letters.ts'
import { embedRoutes } from './routes/embed.ts'
import { healthDetailRoutes, healthRoutes } from './routes/health.ts'
import { inquiriesRoutes } from './routes/inquiries.ts'
import { leadsRoutes } from './routes/leads.ts'
import { myRequestRoutes } from './routes/my-request.ts'
import { myRequestPageRoutes } from './routes/my-request-page.ts'
import { openApiRoutes } from './routes/openapi.ts'
import { partnersRoutes } from './routes/partners.ts'
import { privacyRoutes } from './routes/privacy.ts'
import { reportsRoutes } from './routes/reports.ts'
import { rightsRoutes } from './routes/rights.ts'
import type { AppEnv } from './types.ts'

/** Read-only catalog data is public: any page may fetch it. */
const publicRead = cors({
  origin: '*',
  allowMethods: ['GET'],
  exposeHeaders: ['ETag'],
  maxAge: 86_400,
})

const coordinators = coordinatorOnly()

// A `/path/*` pattern also matches `/path` itself in Hono.
export const app = new Hono<AppEnv>()
  .use(securityHeaders())
  .use('/v1/clinics/*', publicRead)
  // The partner itself only: its report (/v1/partners/:id/report) has no CORS.
  .use('/v1/partners/:id', publicRead)
  .route('/v1/clinics', clinicsRoutes)
  .route('/v1/partners', partnersRoutes)
  .route('/v1/inquiries', inquiriesRoutes)
  .use('/v1/leads/*', coordinators)
  .use('/v1/dead-letters/*', coordinators)
  .use('/v1/reports/*', coordinators)
  .use('/v1/health', coordinators)
  .use('/v1/rights/*', coordinators)
  .route('/v1/leads', leadsRoutes)
  .route('/v1/dead-letters', deadLettersRoutes)
  .route('/v1/reports', reportsRoutes)
  .route('/v1/health', healthDetailRoutes)
  .route('/v1/rights', rightsRoutes)
  .route('/healthz', healthRoutes)
  .route('/openapi.json', openApiRoutes)
  .route('/embed', embedRoutes)
  // The family's own: the privacy notices, its receipt page and what it posts.
  .route('/privacy', privacyRoutes)
  .route('/my-request', myRequestPageRoutes)
  .route('/v1/my-request', myRequestRoutes)

app.onError(onError)
app.notFound(notFound)
