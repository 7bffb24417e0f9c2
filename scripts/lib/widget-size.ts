import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import { buildWidget, FRAMES_MANIFEST, PUBLIC_DIR } from './build-widget.ts'
import { ROOT } from './wrangler.ts'

async function gzipBytes(path: string): Promise<number> {
  return gzipSync(await readFile(path), { level: constants.Z_BEST_COMPRESSION }).length
}

/**
 * Builds the widget and weighs, gzip -9, everything a page downloads before
 * the widget shows: widget.js, main.js with any static imports (CSS is
 * inlined) and the larger of the two language chunks. The request form runs
 * in its own frame page on the Worker's origin: its script is reported apart
 * (`formFrameGzipBytes`); `files` has all.
 */
export async function measureWidgetSize(): Promise<{
  firstRenderGzipBytes: number
  formFrameGzipBytes: number
  files: Record<string, number>
}> {
  const meta = await buildWidget()
  const files: Record<string, number> = {}
  files['widget.js'] = await gzipBytes(join(PUBLIC_DIR, 'widget.js'))
  const frames = JSON.parse(await readFile(FRAMES_MANIFEST, 'utf8')) as Record<string, string>
  files['embed-request.js'] = await gzipBytes(join(PUBLIC_DIR, frames['embed-request'] ?? ''))
  const outputs = Object.entries(meta.outputs).filter(([path]) => path.endsWith('.js'))
  for (const [path] of outputs) {
    files[relative(PUBLIC_DIR, join(ROOT, path))] = await gzipBytes(join(ROOT, path))
  }
  const size = (path: string) => files[relative(PUBLIC_DIR, join(ROOT, path))] ?? 0
  const byEntry = (suffix: string) =>
    outputs.filter(([, o]) => o.entryPoint?.endsWith(suffix)).map(([path]) => path)

  const eager = new Set<string>()
  const visit = (path: string) => {
    if (eager.has(path)) return
    eager.add(path)
    for (const dep of meta.outputs[path]?.imports ?? []) {
      if (dep.kind === 'import-statement') visit(dep.path)
    }
  }
  for (const main of byEntry('widget/src/element/main.ts')) visit(main)
  const language = Math.max(0, ...byEntry('/i18n/en.ts').concat(byEntry('/i18n/es.ts')).map(size))
  const firstRenderGzipBytes =
    (files['widget.js'] ?? 0) + [...eager].reduce((sum, path) => sum + size(path), 0) + language
  return { firstRenderGzipBytes, formFrameGzipBytes: files['embed-request.js'] ?? 0, files }
}
