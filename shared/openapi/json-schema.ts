import { type JsonSchema, toJsonSchema } from '@valibot/to-json-schema'
import type * as v from 'valibot'

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends or receives. */
export function jsonSchemaOf(
  schema: v.GenericSchema,
  mode: 'input' | 'output' = 'output',
): JsonSchema {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema, {
    target: 'draft-2020-12',
    typeMode: mode,
    // Transforms and custom checks have no JSON Schema form; the schema still enforces them.
    errorMode: 'ignore',
  })
  return rest
}
