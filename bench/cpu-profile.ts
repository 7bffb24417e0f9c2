/**
 * A V8 CPU profile of one workerd isolate over the Chrome DevTools Protocol
 * (Miniflare's inspector port), summarised as self and total time per function.
 */

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

interface InspectorTarget {
  title: string
  webSocketDebuggerUrl: string
}

export interface Inspector {
  call: (method: string, params?: Record<string, unknown>) => Promise<unknown>
  close: () => void
}

/** Connects to the isolate whose inspector title names `worker`. */
export async function connectInspector(inspectorPort: number, worker: string): Promise<Inspector> {
  const list = (await (
    await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)
  ).json()) as InspectorTarget[]
  const target = list.find((t) => t.title.endsWith(`:${worker}`) || t.title.endsWith(` ${worker}`))
  if (!target) throw new Error(`No inspector target for ${worker}: ${list.map((t) => t.title)}`)
  const socket = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener('error', reject, { once: true })
  })
  const pending = new Map<number, (result: unknown) => void>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown }
    if (message.id === undefined) return
    pending.get(message.id)?.(message.result)
    pending.delete(message.id)
  })
  let nextId = 0
  return {
    call: (method, params = {}) =>
      new Promise((resolve) => {
        nextId += 1
        pending.set(nextId, resolve)
        socket.send(JSON.stringify({ id: nextId, method, params }))
      }),
    close: () => socket.close(),
  }
}

export interface FunctionTime {
  name: string
  selfMs: number
  totalMs: number
}

const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() || '(native)'}:${frame.lineNumber + 1}`

/** Time per function: `selfMs` on top of the stack, `totalMs` anywhere on it. */
export function summarise(profile: CpuProfile): { sampledMs: number; functions: FunctionTime[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id)
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const functions = new Map<string, FunctionTime>()
  const entry = (name: string) => {
    let time = functions.get(name)
    if (!time) {
      time = { name, selfMs: 0, totalMs: 0 }
      functions.set(name, time)
    }
    return time
  }
  let sampledUs = 0
  for (const [id, us] of selfUs) {
    sampledUs += us
    const node = byId.get(id)
    if (!node) continue
    entry(label(node.callFrame)).selfMs += us / 1000
    // A recursive function counts once per sample in its total.
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame
      if (!frame) break
      const name = label(frame)
      if (seen.has(name)) continue
      seen.add(name)
      entry(name).totalMs += us / 1000
    }
  }
  return { sampledMs: sampledUs / 1000, functions: [...functions.values()] }
}
