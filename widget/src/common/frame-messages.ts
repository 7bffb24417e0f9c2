/**
 * What crosses the edge of the request frame (`/embed/request`), by
 * postMessage: facts about the form, never what a family typed. Each side
 * sends only to the other's origin and drops anything from elsewhere.
 */
import type { Lang } from './lang.ts'

const PREFIX = 'clinic-compare:request-'

/** From the frame to the widget on the partner's page. */
export type FrameMessage =
  | { type: `${typeof PREFIX}ready` }
  | { type: `${typeof PREFIX}height`; height: number }
  | { type: `${typeof PREFIX}submitted`; requestId: string }
  | { type: `${typeof PREFIX}closed` }
  | { type: `${typeof PREFIX}error`; code: string; status?: number }

/** From the widget to the frame: the page changed the widget's language. */
export type HostMessage = { type: `${typeof PREFIX}language`; lang: Lang }

export const frameMessage = {
  ready: (): FrameMessage => ({ type: `${PREFIX}ready` }),
  height: (height: number): FrameMessage => ({ type: `${PREFIX}height`, height }),
  submitted: (requestId: string): FrameMessage => ({ type: `${PREFIX}submitted`, requestId }),
  closed: (): FrameMessage => ({ type: `${PREFIX}closed` }),
  error: (code: string, status?: number): FrameMessage =>
    status === undefined
      ? { type: `${PREFIX}error`, code }
      : { type: `${PREFIX}error`, code, status },
}

export const languageMessage = (lang: Lang): HostMessage => ({ type: `${PREFIX}language`, lang })

const CODE = /^[a-z_]{1,64}$/
const REQUEST_ID = /^[0-9a-f-]{36}$/

/** A well-formed message from the frame, or null: every field is checked, nothing else is kept. */
export function readFrameMessage(data: unknown): FrameMessage | null {
  const m = data as Record<string, unknown> | null
  if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return null
  switch (m.type.startsWith(PREFIX) ? m.type.slice(PREFIX.length) : '') {
    case 'ready':
      return frameMessage.ready()
    case 'closed':
      return frameMessage.closed()
    case 'height':
      return typeof m.height === 'number' && m.height >= 0 && m.height < 100_000
        ? frameMessage.height(Math.ceil(m.height))
        : null
    case 'submitted':
      return typeof m.requestId === 'string' && REQUEST_ID.test(m.requestId)
        ? frameMessage.submitted(m.requestId)
        : null
    case 'error':
      if (typeof m.code !== 'string' || !CODE.test(m.code)) return null
      return frameMessage.error(m.code, typeof m.status === 'number' ? m.status : undefined)
    default:
      return null
  }
}

export function readHostMessage(data: unknown): HostMessage | null {
  const m = data as Partial<HostMessage> | null
  if (typeof m !== 'object' || m === null || m.type !== `${PREFIX}language`) return null
  return m.lang === 'en' || m.lang === 'es' ? languageMessage(m.lang) : null
}
