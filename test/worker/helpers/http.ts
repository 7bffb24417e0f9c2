import { exports } from 'cloudflare:workers'

export const ORIGIN = 'http://127.0.0.1:8787'

/** Sends a request to the Worker's own fetch handler, as the runtime would. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`https://worker.test${path}`, init))
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T
}
