import { exports } from 'cloudflare:workers'

export const ORIGIN = 'http://127.0.0.1:8787'
/** The host tests call the Worker at: the hostname Turnstile tokens must name. */
export const WORKER_HOSTNAME = 'worker.test'

/** Sends a request to the Worker's own fetch handler, as the runtime would. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`https://${WORKER_HOSTNAME}${path}`, init))
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T
}
