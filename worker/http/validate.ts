import * as v from 'valibot'
import type { ErrorCode } from '../../shared/errors.ts'
import { toErrorIssues } from '../../shared/schemas/api.ts'
import { ApiError } from './api-error.ts'

/** Parses input with a shared schema, or throws the error the client should see. */
export function parseOrThrow<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  failure: { code: ErrorCode; message: string },
): v.InferOutput<S> {
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  throw new ApiError(failure.code, failure.message, {
    issues: toErrorIssues(result.issues),
  })
}
