/** Runs `task` over `items` with at most `concurrency` in flight, like that many clients. */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const client = async () => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await task(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, client))
  return results
}

export interface Sent {
  status: number
  body: string
}

/** One request; a network failure is status 0, so it is counted, never thrown. */
export async function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer> },
): Promise<Sent> {
  try {
    const response = await fetch(url, init)
    return { status: response.status, body: await response.text() }
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error) }
  }
}
