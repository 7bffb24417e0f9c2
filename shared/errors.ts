/**
 * Every error code the API answers with, its HTTP status and what it means:
 * the one place a code is made. `ApiError` takes only these codes and reads
 * its status here; /openapi.json lists them from here. Valibot-free, so the
 * widget may import it.
 */
export interface ErrorSpec {
  status: number
  /** For /openapi.json; what the client reads is the message at the call site. */
  meaning: string
  /** Response headers the code always comes with. */
  headers?: readonly ('Retry-After' | 'WWW-Authenticate')[]
}

export const ERRORS = {
  bad_request: { status: 400, meaning: 'The request is malformed' },
  malformed_json: { status: 400, meaning: 'The body is not valid JSON' },
  invalid_filter: { status: 400, meaning: 'A filter value is not valid (see issues)' },
  invalid_query: { status: 400, meaning: 'A query parameter is not valid (see issues)' },
  invalid_idempotency_key: {
    status: 400,
    meaning: 'Idempotency-Key does not match its pattern',
  },
  unauthorized: {
    status: 401,
    meaning: 'No token, or one that is not valid',
    headers: ['WWW-Authenticate'],
  },
  unknown_partner: { status: 403, meaning: 'Unknown or inactive partner' },
  origin_not_allowed: { status: 403, meaning: 'An Origin the partner does not allow' },
  forbidden: { status: 403, meaning: 'The token or key is valid but not for this resource' },
  challenge_failed: {
    status: 403,
    meaning: 'A browser request without a Turnstile token that siteverify accepts for this partner',
  },
  not_found: { status: 404, meaning: 'Nothing at this method and path' },
  clinic_not_found: { status: 404, meaning: 'No clinic with that id' },
  partner_not_found: { status: 404, meaning: 'No active partner with that id' },
  unknown_receipt: {
    status: 404,
    meaning: 'The receipt is not one the Worker issued (or its key version was retired)',
  },
  request_withdrawn: { status: 410, meaning: 'The family deleted this request' },
  payload_too_large: { status: 413, meaning: 'The body is over the operation’s limit' },
  unsupported_media_type: { status: 415, meaning: 'The body is not declared as JSON' },
  invalid_inquiry: { status: 422, meaning: 'Some fields are not valid (see issues)' },
  idempotency_key_reused: {
    status: 422,
    meaning: 'The Idempotency-Key was used before with another body',
  },
  invalid_pull: { status: 422, meaning: 'The pull request is not valid (see issues)' },
  invalid_ack: { status: 422, meaning: 'The ack request is not valid (see issues)' },
  invalid_replay: { status: 422, meaning: 'The replay request is not valid (see issues)' },
  invalid_report_query: { status: 422, meaning: 'A report parameter is not valid (see issues)' },
  invalid_receipt_request: {
    status: 422,
    meaning: 'The receipt request is not valid (see issues)',
  },
  invalid_rights_request: {
    status: 422,
    meaning: 'The access or deletion request is not valid (see issues)',
  },
  rate_limited: { status: 429, meaning: 'Too many requests', headers: ['Retry-After'] },
  internal: { status: 500, meaning: 'An unexpected failure on our side' },
  catalog_unavailable: {
    status: 503,
    meaning: 'The catalog cannot be read right now',
    headers: ['Retry-After'],
  },
  store_unavailable: {
    status: 503,
    meaning: 'The lead store does not answer; nothing was stored',
    headers: ['Retry-After'],
  },
  history_unavailable: {
    status: 503,
    meaning: 'The catalog history cannot be read right now',
    headers: ['Retry-After'],
  },
  queue_unavailable: {
    status: 503,
    meaning: 'The queue does not accept messages; nothing was stored or marked',
    headers: ['Retry-After'],
  },
  challenge_unavailable: {
    status: 503,
    meaning: 'Turnstile siteverify does not answer; nothing was stored',
    headers: ['Retry-After'],
  },
  leads_key_unusable: {
    status: 503,
    meaning: 'LEADS_KEY cannot open the waiting leads; an operator must fix it',
  },
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERRORS
export type ErrorStatus = (typeof ERRORS)[ErrorCode]['status']
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]

/** Why a queued message became a dead letter row (a D1 column; a code, never personal data). */
export const DEAD_LETTER_REASONS = [
  'malformed-message',
  'unreadable-inquiry',
  'retries-exhausted',
] as const
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number]
