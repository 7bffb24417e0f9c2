import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { notFound, onError } from './http/on-error.ts'
import { clinicsRoutes } from './routes/clinics.ts'
import { healthRoutes } from './routes/health.ts'
import { inquiriesRoutes } from './routes/inquiries.ts'
import { openApiRoutes } from './routes/openapi.ts'
import { partnersRoutes } from './routes/partners.ts'
import type { AppEnv } from './types.ts'

/** Read-only catalog data is public: any page may fetch it. */
const publicRead = cors({
  origin: '*',
  allowMethods: ['GET'],
  exposeHeaders: ['ETag'],
  maxAge: 86_400,
})

export const app = new Hono<AppEnv>()
  .use('/v1/clinics/*', publicRead)
  .use('/v1/clinics', publicRead)
  .use('/v1/partners/*', publicRead)
  .route('/v1/clinics', clinicsRoutes)
  .route('/v1/partners', partnersRoutes)
  .route('/v1/inquiries', inquiriesRoutes)
  .route('/healthz', healthRoutes)
  .route('/openapi.json', openApiRoutes)

app.onError(onError)
app.notFound(notFound)
