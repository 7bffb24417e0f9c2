import type { Context } from 'hono'
import { ApiError } from '../http/api-error.ts'

/** Pull, ack and replay bodies are small; anything larger is not one of them. */
const MAX_BODY_BYTES = 64 * 1024
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/** Reads a JSON request body: 415 for another content type, 413 when too large, 400 when not JSON. */
export async function readJsonBody(c: Context): Promise<unknown> {
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  const text = await c.req.text()
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    throw new ApiError(413, 'payload_too_large', `The body is over ${MAX_BODY_BYTES} bytes.`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON.')
  }
}
