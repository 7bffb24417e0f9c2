import type { Context } from 'hono'
import { catalogFor } from '../catalog/snapshot.ts'
import { keyringProblem } from '../crypto/lead-cipher.ts'
import { tokensProblem } from '../http/bearer-auth.ts'
import { type DeadLetterBacklog, deadLetterBacklog } from '../leads/backlog.ts'
import type { AppEnv } from '../types.ts'

/** D1 answers are cached briefly so health checks cannot load the database. */
const D1_CHECK_TTL_MS = 10_000
const d1Checks = new WeakMap<D1Database, { at: number; backlog: DeadLetterBacklog | undefined }>()

/** The dead-letter backlog, or undefined when D1 does not answer. */
async function leadStore(db: D1Database, now: number): Promise<DeadLetterBacklog | undefined> {
  const last = d1Checks.get(db)
  if (last && now - last.at < D1_CHECK_TTL_MS) return last.backlog
  let backlog: DeadLetterBacklog | undefined
  try {
    backlog = await deadLetterBacklog(db, now)
  } catch {
    backlog = undefined
  }
  d1Checks.set(db, { at: now, backlog })
  return backlog
}

/**
 * "failing" when a binding does not answer; "degraded" while a secret is
 * refused, dead letters wait or a catalog record is refused (the Worker
 * answers, and what is wrong is an operator's to fix); otherwise "ok".
 */
type HealthStatus = 'ok' | 'degraded' | 'failing'

export const HEALTH_HTTP_STATUS = { ok: 200, degraded: 200, failing: 503 } as const

/** Everything the checks found; only coordinators see more than its status. */
export async function healthReport(c: Context<AppEnv>) {
  const now = Date.now()
  const [catalog, backlog, keyring] = await Promise.all([
    catalogFor(c).catch(() => undefined),
    leadStore(c.env.LEADS, now),
    keyringProblem(c.env.LEADS_KEY),
  ])
  const tokens = tokensProblem(c.env.COORDINATOR_TOKENS)
  // A Queue producer cannot be probed without sending; its binding must exist.
  const inquiries = typeof c.env.INQUIRIES?.send === 'function'
  const answers = catalog !== undefined && backlog !== undefined && inquiries
  const clean =
    !keyring && !tokens && (backlog?.count ?? 0) === 0 && (catalog?.invalidRecords ?? 0) === 0
  const status: HealthStatus = !answers ? 'failing' : clean ? 'ok' : 'degraded'
  return {
    status,
    bindings: {
      CATALOG: catalog ? 'ok' : 'error',
      LEADS: backlog ? 'ok' : 'error',
      INQUIRIES: inquiries ? 'ok' : 'error',
    },
    secrets: {
      LEADS_KEY: keyring ? { status: 'error', problem: keyring } : { status: 'ok' },
      COORDINATOR_TOKENS: tokens ? { status: 'error', problem: tokens } : { status: 'ok' },
    },
    deadLetters: backlog ?? null,
    catalog: catalog
      ? {
          clinics: catalog.clinics.length,
          partners: catalog.partners.size,
          invalidRecords: catalog.invalidRecords,
          updatedAt: catalog.updatedAt,
        }
      : null,
  }
}
