import {
  type AckRequest,
  type AckResponse,
  COORDINATOR_TOKEN_MIN_LENGTH,
  type DeadLettersResponse,
  type PullResponse,
  type ReplayResponse,
} from '../../shared/schemas/leads-api.ts'
import type { ReportResponse } from '../../shared/schemas/reports.ts'
import type { ForgetRequest, ForgetResponse, RightsResponse } from '../../shared/schemas/rights.ts'
import { CliError, EXIT, UsageError } from './cli.ts'

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/**
 * The client the environment names. The token only ever travels over
 * https, or to this machine, and is long enough not to be guessed.
 */
export function clientFromEnv(env = process.env): LeadsClient {
  const token = env.COORDINATOR_TOKEN?.trim()
  if (!token) throw new UsageError('Set COORDINATOR_TOKEN to your coordinator token.')
  if (token.length < COORDINATOR_TOKEN_MIN_LENGTH) {
    throw new UsageError(
      `COORDINATOR_TOKEN is shorter than ${COORDINATOR_TOKEN_MIN_LENGTH} characters; ask your operator for a full token.`,
    )
  }
  const baseUrl = env.CLINIC_COMPARE_URL?.trim() || 'http://127.0.0.1:8787'
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new UsageError(`CLINIC_COMPARE_URL is not a URL: ${baseUrl}`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new UsageError(
      `CLINIC_COMPARE_URL must be https:// (or http:// to this machine): the token must not travel in clear to ${url.host}.`,
    )
  }
  return new LeadsClient(baseUrl, token)
}

const REQUEST_TIMEOUT_MS = 30_000
const RETRY_DELAYS_MS = [500, 1500, 4000]

/** A transient failure worth another try: no answer, or a 5xx. */
class Transient extends Error {}

export class LeadsClient {
  readonly baseUrl: string
  private readonly token: string
  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl
    this.token = token
  }

  pull(batchSize: number, visibilityTimeoutMs: number): Promise<PullResponse> {
    return this.call('POST', '/v1/leads/pull', { batchSize, visibilityTimeoutMs })
  }

  ack(request: Partial<AckRequest>): Promise<AckResponse> {
    return this.call('POST', '/v1/leads/ack', request)
  }

  deadLetters(status: 'pending' | 'all'): Promise<DeadLettersResponse> {
    return this.call('GET', `/v1/dead-letters?status=${status}`)
  }

  replay(ids: string[]): Promise<ReplayResponse> {
    return this.call('POST', '/v1/dead-letters/replay', { ids })
  }

  report(params: URLSearchParams): Promise<ReportResponse> {
    return this.call('GET', `/v1/reports/leads?${params}`)
  }

  /** Safe to repeat: a second withdrawal of one request answers the first one's time. */
  forget(request: ForgetRequest): Promise<ForgetResponse> {
    return this.call('POST', '/v1/rights/forget', request)
  }

  rights(): Promise<RightsResponse> {
    return this.call('GET', '/v1/rights')
  }

  /** Pull, ack, replay and forget are safe to repeat, so transient failures are retried. */
  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, path, body)
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt]
        if (!(error instanceof Transient) || delay === undefined) throw this.final(error)
        // Said, so a coordinator's log shows why an answer took longer.
        process.stderr.write(
          `${error.message} Trying ${method} ${path} again in ${delay / 1000} s.\n`,
        )
        await new Promise((r) => setTimeout(r, delay))
      }
    }
  }

  private final(error: unknown): unknown {
    if (!(error instanceof Transient)) return error
    return new CliError(
      error.message,
      error.cause === 'unreachable' ? EXIT.unreachable : EXIT.failed,
    )
  }

  private async once<T>(method: string, path: string, body: unknown): Promise<T> {
    let response: Response
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would carry the token elsewhere; it is reported, never followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name
      throw new Transient(`Cannot reach the Worker at ${this.baseUrl} (${code}).`, {
        cause: 'unreachable',
      })
    }
    const text = await response.text()
    if (response.status === 401) {
      throw new CliError(
        `The Worker at ${this.baseUrl} refused COORDINATOR_TOKEN (401). Check the token with your operator.`,
        EXIT.badToken,
      )
    }
    if (response.status >= 300 && response.status < 400) {
      throw new CliError(
        `The Worker at ${this.baseUrl} redirected ${path} to ${response.headers.get('Location') ?? 'elsewhere'}; not followed, so the token stays here. Set CLINIC_COMPARE_URL to the final address.`,
        EXIT.failed,
      )
    }
    const detail = errorMessage(text)
    if (response.status >= 500) {
      throw new Transient(`The Worker answered ${response.status}${detail}.`)
    }
    if (!response.ok) {
      throw new CliError(
        `The Worker refused ${method} ${path}: ${response.status}${detail}.`,
        EXIT.failed,
      )
    }
    try {
      return JSON.parse(text) as T
    } catch {
      throw new CliError(
        `${this.baseUrl} did not answer with JSON; is it clinic-compare?`,
        EXIT.failed,
      )
    }
  }
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown }
    return typeof body.message === 'string' ? ` (${String(body.error)}: ${body.message})` : ''
  } catch {
    return ''
  }
}
