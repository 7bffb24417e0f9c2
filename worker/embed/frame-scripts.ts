/** The Worker's own pages' scripts, as the build names them (scripts/lib/build-widget.ts). */
export type FrameScript = 'embed-frame' | 'embed-request' | 'my-request'

type Manifest = Partial<Record<FrameScript, string>>

let manifest: Promise<Manifest> | undefined

/**
 * The content-hashed, immutable path of a frame page's script, from the
 * manifest the build writes beside the scripts. Read once per isolate (a
 * deploy starts new isolates); a failed read is tried again next time.
 */
export async function frameScript(assets: Fetcher, name: FrameScript): Promise<string> {
  manifest ??= assets
    .fetch('https://assets.local/frames/manifest.json')
    .then(async (response) => {
      if (!response.ok) throw new Error(`frames/manifest.json answered ${response.status}`)
      return (await response.json()) as Manifest
    })
    .catch((error: unknown) => {
      manifest = undefined
      throw error
    })
  const path = (await manifest)[name]
  if (!path?.startsWith('/frames/')) throw new Error(`frames/manifest.json names no ${name}`)
  return path
}
