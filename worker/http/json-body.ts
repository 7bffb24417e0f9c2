import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ErrorCode } from '../../shared/errors.ts'
import { ApiError } from './api-error.ts'

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/** What jsonBodyLimit and readJsonBody answer with, for the operations using them. */
export const JSON_BODY_ERRORS = [
  'payload_too_large',
  'unsupported_media_type',
  'malformed_json',
] as const satisfies readonly ErrorCode[]

/** 413 for a body over `maxBytes`, decided before it is parsed (streamed bodies included). */
export function jsonBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is over ${maxBytes} bytes.`)
    },
  })
}

/** The request's JSON body: 415 if it is not declared JSON, 400 if it does not parse. */
export async function readJsonBody(c: Context): Promise<unknown> {
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw new ApiError(
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json.',
    )
  }
  const text = await c.req.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError('malformed_json', 'The request body is not valid JSON.')
  }
}
