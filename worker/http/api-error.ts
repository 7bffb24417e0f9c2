import { ERRORS, type ErrorCode, type ErrorStatus } from '../../shared/errors.ts'
import type { ErrorBody, ErrorIssue } from '../../shared/schemas/api.ts'

interface ApiErrorOptions {
  issues?: ErrorIssue[]
  headers?: Record<string, string>
  /** Internal detail for the log line; never sent to the client. */
  cause?: unknown
}

/**
 * A failure the client should see. Thrown anywhere, turned into the one error
 * shape by `onError`, like Hono's HTTPException but with our body.
 */
export class ApiError extends Error {
  readonly status: ErrorStatus
  readonly code: ErrorCode
  readonly issues: ErrorIssue[] | undefined
  readonly headers: Record<string, string>

  /** The status comes from the code (shared/errors.ts), never from the call site. */
  constructor(code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = 'ApiError'
    this.status = ERRORS[code].status
    this.code = code
    this.issues = options.issues
    this.headers = options.headers ?? {}
  }

  get body(): ErrorBody {
    return this.issues
      ? { error: this.code, message: this.message, issues: this.issues }
      : { error: this.code, message: this.message }
  }
}
