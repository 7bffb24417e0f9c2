import fc from 'fast-check'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { Inquiry } from '../../shared/schemas/inquiry.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { postInquiry, validInquiry } from './helpers/inquiry.ts'

const valid = validInquiry() as Record<string, unknown>
const fieldNames = Object.keys(valid)

/** Any JSON value, including the awkward ones. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}, '__proto__', 'constructor'),
  fc.string({ maxLength: 300, unit: 'binary' }),
)

/** A valid inquiry with one field replaced, removed or added. */
const mutatedInquiry = fc.oneof(
  fc
    .record({ field: fc.constantFrom(...fieldNames), value: anyJson })
    .map(({ field, value }) => ({ ...valid, [field]: value })),
  fc.constantFrom(...fieldNames).map((field) => {
    const copy = { ...valid }
    delete copy[field]
    return copy
  }),
  fc
    .record({ key: fc.string({ maxLength: 20 }), value: anyJson })
    .map(({ key, value }) => ({ ...valid, [key]: value })),
  fc
    .record({
      question: fc.constantFrom('activeInfection', 'uncontrolledSeizures'),
      value: anyJson,
    })
    .map(({ question, value }) => ({
      ...valid,
      preScreen: { ...(valid.preScreen as object), [question]: value },
    })),
)

/** Raw text bodies: broken JSON, prototype keys, deep nesting. */
const rawBodies = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '{"__proto__": {"consent": true}}',
    '{"constructor": {"prototype": {"admin": true}}}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    '{"partnerId": "demo", "partnerId": "demo-inactive"}',
    '\u0000',
    'null',
  ),
  mutatedInquiry.map((body) => JSON.stringify(body)),
)

describe('hostile bodies on POST /v1/inquiries', () => {
  beforeAll(() => seedCatalog())

  it('never answer 5xx and never accept what the schema refuses', async () => {
    await fc.assert(
      fc.asyncProperty(rawBodies, async (text) => {
        const response = await postInquiry(text)
        await response.arrayBuffer()
        expect(response.status).toBeLessThan(500)
        if (response.status === 202) {
          expect(v.safeParse(Inquiry, JSON.parse(text)).success).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('refuse every mutation that breaks the schema with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedInquiry, async (body) => {
        const response = await postInquiry(body)
        await response.arrayBuffer()
        const schemaAccepts = v.safeParse(Inquiry, body).success
        if (!schemaAccepts) expect([400, 403, 422]).toContain(response.status)
        else expect([202, 403, 422]).toContain(response.status)
      }),
      { numRuns: 300 },
    )
  })
})
