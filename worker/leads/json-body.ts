import type { Context } from 'hono'
import { ApiError } from '../http/api-error.ts'

/** Pull, ack and replay bodies are small; anything larger is not one of them. */
const MAX_BODY_BYTES = 64 * 1024

/** Reads a JSON request body: 415 for another content type, 413 when too large, 400 when not JSON. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  const text = await c.req.text()
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    throw new ApiError(413, 'body_too_large', `The body is over ${MAX_BODY_BYTES} bytes.`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.')
  }
}
