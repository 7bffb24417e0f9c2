/** The one message the `/embed` frame sends its host page: its content height. */
export const RESIZE_MESSAGE = 'clinic-compare:resize'

export interface ResizeMessage {
  type: typeof RESIZE_MESSAGE
  height: number
}

export function isResizeMessage(data: unknown): data is ResizeMessage {
  const m = data as Partial<ResizeMessage> | null
  return m?.type === RESIZE_MESSAGE && typeof m.height === 'number' && m.height >= 0
}
