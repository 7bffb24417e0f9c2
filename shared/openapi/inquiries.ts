import { Inquiry, InquiryAccepted } from '../schemas/inquiry.ts'
import { errorResponse as errorRef, type OpenApiPart } from './document.ts'
import { inquiryExample } from './examples.ts'

const retryAfter = {
  'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' },
}

export const inquiriesPart: OpenApiPart = {
  schemas: { InquiryAccepted },
  inputSchemas: { Inquiry },
  paths: {
    '/v1/inquiries': {
      post: {
        summary: 'Send a family’s request for information about up to three clinics',
        description:
          'Accepted requests are queued and stored once as a lead. The same Idempotency-Key with the same body returns the same id (and `Idempotent-Replayed: true`) and never makes a second lead; the same key with another body is refused with 422 `idempotency_key_reused`. Browsers may call it only from origins the partner allows.',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
            description: 'One per form submission; reuse it when retrying that submission.',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Inquiry' },
              example: inquiryExample,
            },
          },
        },
        responses: {
          202: {
            description: 'Queued',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/InquiryAccepted' },
                example: { id: '0b7c1e9a-3f52-8d41-9a6e-2c4f1d8b7e30', status: 'queued' },
              },
            },
          },
          400: errorRef('Malformed JSON or Idempotency-Key'),
          403: errorRef('Unknown or inactive partner, or an Origin the partner does not allow'),
          413: errorRef('Body over 16 KiB'),
          415: errorRef('Not JSON'),
          422: errorRef(
            'Invalid fields (see issues), or an Idempotency-Key reused with another body',
          ),
          429: { ...errorRef('Rate limited'), headers: retryAfter },
          503: { ...errorRef('Queue unavailable; nothing was stored'), headers: retryAfter },
        },
      },
    },
  },
}
