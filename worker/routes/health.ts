import { Hono } from 'hono'
import { catalogFor } from '../catalog/snapshot.ts'
import type { AppEnv } from '../types.ts'

/** D1 answers are cached briefly so health checks cannot load the database. */
const D1_CHECK_TTL_MS = 10_000
const d1Checks = new WeakMap<D1Database, { at: number; ok: boolean }>()

async function d1Answers(db: D1Database): Promise<boolean> {
  const now = Date.now()
  const last = d1Checks.get(db)
  if (last && now - last.at < D1_CHECK_TTL_MS) return last.ok
  let ok: boolean
  try {
    ok = (await db.prepare('SELECT 1 AS ok').first('ok')) === 1
  } catch {
    ok = false
  }
  d1Checks.set(db, { at: now, ok })
  return ok
}

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const [catalog, leads] = await Promise.all([
    catalogFor(c).catch(() => undefined),
    d1Answers(c.env.LEADS),
  ])
  // A Queue producer cannot be probed without sending; its binding must exist.
  const inquiries = typeof c.env.INQUIRIES?.send === 'function'
  const ok = catalog !== undefined && leads && inquiries
  c.header('Cache-Control', 'no-store')
  return c.json(
    {
      status: ok ? 'ok' : 'degraded',
      bindings: {
        CATALOG: catalog ? 'ok' : 'error',
        LEADS: leads ? 'ok' : 'error',
        INQUIRIES: inquiries ? 'ok' : 'error',
      },
      catalog: catalog && {
        clinics: catalog.clinics.length,
        partners: catalog.partners.size,
        invalidRecords: catalog.invalidRecords,
        updatedAt: catalog.updatedAt,
      },
    },
    ok ? 200 : 503,
  )
})
