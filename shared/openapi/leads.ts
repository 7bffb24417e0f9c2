import {
  AckRequest,
  AckResponse,
  DeadLettersResponse,
  PullRequest,
  PullResponse,
  ReplayRequest,
  ReplayResponse,
  VISIBILITY_TIMEOUT_MS_DEFAULT,
  VISIBILITY_TIMEOUT_MS_MAX,
} from '../schemas/leads-api.ts'
import type { OpenApiPart } from './document.ts'

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})
const ref = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } })
const jsonBody = (name: string) => ({ required: true, content: { 'application/json': ref(name) } })
const ok = (description: string, name: string) => ({
  description,
  content: { 'application/json': ref(name) },
})

/** Shared by every coordinator endpoint: auth and the body errors. */
const common = {
  security: [{ coordinatorToken: [] }],
  responses: {
    401: {
      ...errorRef('No valid coordinator token'),
      headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
    },
  },
}
const bodyErrors = {
  400: errorRef('Malformed JSON'),
  413: errorRef('Body over 64 KiB'),
  415: errorRef('Not JSON'),
  422: errorRef('Invalid fields (see issues)'),
}

export const leadsPart: OpenApiPart = {
  schemas: { PullResponse, AckResponse, DeadLettersResponse, ReplayResponse },
  inputSchemas: { PullRequest, AckRequest, ReplayRequest },
  securitySchemes: {
    coordinatorToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'One of the COORDINATOR_TOKENS (comma-separated, so tokens rotate).',
    },
  },
  paths: {
    '/v1/leads/pull': {
      post: {
        summary: 'Lease a batch of leads, oldest first, with the personal fields decrypted',
        description: `Shaped like a Cloudflare Queues HTTP pull consumer. batchSize 1..100 (default 10). visibilityTimeoutMs ${VISIBILITY_TIMEOUT_MS_DEFAULT} by default, 1000 to ${VISIBILITY_TIMEOUT_MS_MAX} (12 h): the leads stay hidden from other pulls until acked or until it passes, then come back with attempts one higher. Leads that cannot be decrypted are left out, counted in skipped, and parked for an hour. No CORS.`,
        security: common.security,
        requestBody: jsonBody('PullRequest'),
        responses: {
          200: ok('The leased leads (maybe none)', 'PullResponse'),
          ...common.responses,
          ...bodyErrors,
        },
      },
    },
    '/v1/leads/ack': {
      post: {
        summary: 'Acknowledge handled leads, or give leases back for a later retry',
        description:
          'Idempotent: a lease acked twice counts once. A lease whose visibility timeout passed counts nothing (its lead may already be leased to someone else). A lease in both acks and retries is acked. No CORS.',
        security: common.security,
        requestBody: jsonBody('AckRequest'),
        responses: {
          200: ok('How many leases counted', 'AckResponse'),
          ...common.responses,
          ...bodyErrors,
        },
      },
    },
    '/v1/dead-letters': {
      get: {
        summary: 'Messages intake could not store (ids and reasons, never bodies)',
        security: common.security,
        parameters: [
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['pending', 'all'], default: 'pending' },
          },
        ],
        responses: {
          200: ok('Oldest first, at most 1,000', 'DeadLettersResponse'),
          400: errorRef('Unknown status'),
          ...common.responses,
        },
      },
    },
    '/v1/dead-letters/replay': {
      post: {
        summary: 'Send dead letters back to the INQUIRIES queue',
        description:
          'The consumer stores leads by inquiry id, so a replay never makes a second lead. Replayed dead letters are purged by the next retention run.',
        security: common.security,
        requestBody: jsonBody('ReplayRequest'),
        responses: {
          200: ok('What was replayed', 'ReplayResponse'),
          ...common.responses,
          ...bodyErrors,
          503: errorRef('The queue did not accept them; nothing was marked replayed'),
        },
      },
    },
  },
}
