import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectation, type HostileCase, hostileCase, withWayIn } from '../../bench/hostile-cases.ts'
import { DEMO_API_KEY, sampleCatalog, seedCatalog } from './helpers/catalog.ts'
import { call, ORIGIN } from './helpers/http.ts'
import { nextClientIp, validInquiry } from './helpers/inquiry.ts'

const valid = validInquiry() as Record<string, unknown>
const fieldNames = Object.keys(valid)
const catalog = sampleCatalog()
/** The origin of `call`'s requests: the Worker's own, which it accepts as its /embed frame. */
const WORKER_ORIGIN = 'https://worker.test'

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

const asJsonCase = (text: string): HostileCase => ({
  kind: 'test',
  headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
  body: text,
})

/** Sends a request from its own client address, so no test shares a rate-limit bucket. */
async function send(request: HostileCase): Promise<number> {
  const headers: Record<string, string> = {
    ...withWayIn(request, { apiKey: DEMO_API_KEY }).headers,
    'CF-Connecting-IP': nextClientIp(),
  }
  const response = await call('/v1/inquiries', { method: 'POST', headers, body: request.body })
  await response.arrayBuffer()
  return response.status
}

/**
 * Every status is judged by the bench's oracle (bench/hostile-cases.ts),
 * built from the contract only: the shared schema, the partner and origin
 * rules, the catalog's references, the body limit and the JSON type.
 */
const expectedStatus = (request: HostileCase) => expectation(request, catalog, WORKER_ORIGIN).status

describe('hostile bodies on POST /v1/inquiries', () => {
  beforeAll(() => seedCatalog(catalog))

  it('answer every kind of the bench’s hostile requests with the status the contract names', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCase({ catalog, origin: ORIGIN }), async (request) => {
        expect(await send(request)).toBe(expectedStatus(request))
      }),
      { numRuns: 300 },
    )
  })

  it('answer raw bodies as the contract says, never with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(rawBodies, async (text) => {
        const request = asJsonCase(text)
        expect(await send(request)).toBe(expectedStatus(request))
      }),
      { numRuns: 400 },
    )
  })

  it('answer every mutation of a valid inquiry as the contract says', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedInquiry, async (body) => {
        const request = asJsonCase(JSON.stringify(body))
        expect(await send(request)).toBe(expectedStatus(request))
      }),
      { numRuns: 300 },
    )
  })
})
