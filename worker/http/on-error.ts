import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../types.ts'
import { ApiError } from './api-error.ts'
import { logEvent } from './log.ts'

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}

/** The one place where failures become responses. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    if (err.status >= 500) {
      logEvent('error', 'request.failed', {
        code: err.code,
        path: c.req.path,
        cause: errorName(err.cause),
      })
    }
    return c.json(err.body, err.status, err.headers)
  }
  if (err instanceof HTTPException && err.status < 500) {
    const badRequest = new ApiError('bad_request', err.message || 'Bad request')
    return c.json(badRequest.body, badRequest.status)
  }
  // The message of an unexpected error is not logged: it could echo input.
  logEvent('error', 'request.unhandled', { path: c.req.path, name: errorName(err) })
  const internal = new ApiError('internal', 'Something went wrong on our side. Please try again.')
  return c.json(internal.body, internal.status)
}

export function notFound(c: Context<AppEnv>): Response {
  const missing = new ApiError('not_found', `Nothing at ${c.req.method} ${c.req.path}`)
  return c.json(missing.body, missing.status)
}
