import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildWidget, PUBLIC_DIR } from '../scripts/lib/build-widget.ts'

export interface WidgetSize {
  firstRenderGzipBytes: number
  formChunkGzipBytes: number
  files: { file: string; gzipBytes: number; firstRender: boolean }[]
}

// Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`
// in esbuild's minified output; `import("./x.js")` (lazy) has a parenthesis instead.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g

const gzipBytes = (content: Buffer) => gzipSync(content, { level: 9 }).length

function specifiers(code: string, pattern: RegExp): string[] {
  return [...code.matchAll(pattern)].map((m) => m[1] ?? '').filter(Boolean)
}

/** A module and everything it imports statically: what the browser must fetch before running it. */
async function staticClosure(entry: string): Promise<Set<string>> {
  const seen = new Set<string>()
  const queue = [entry]
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    const code = await readFile(file, 'utf8')
    for (const spec of specifiers(code, STATIC_IMPORT)) queue.push(join(dirname(file), spec))
  }
  return seen
}

/**
 * Stand-in until scripts/lib/widget-size.ts lands: builds the widget, then
 * gzips (-9) the loader `widget.js`, `widget/main.js` with its static imports
 * and its CSS if it has a file of its own. Lazily imported chunks (the form)
 * are weighed apart.
 */
export async function measureWidgetSize(): Promise<WidgetSize> {
  await buildWidget()
  const main = join(PUBLIC_DIR, 'widget', 'main.js')
  const firstRender = await staticClosure(main)
  firstRender.add(join(PUBLIC_DIR, 'widget.js'))
  const css = join(PUBLIC_DIR, 'widget', 'main.css')
  if (existsSync(css)) firstRender.add(css)

  const lazy = new Set<string>()
  for (const file of firstRender) {
    if (!file.endsWith('.js')) continue
    const code = await readFile(file, 'utf8')
    for (const spec of specifiers(code, DYNAMIC_IMPORT)) {
      for (const chunk of await staticClosure(join(dirname(file), spec))) {
        if (!firstRender.has(chunk)) lazy.add(chunk)
      }
    }
  }

  const files: WidgetSize['files'] = []
  for (const [set, isFirst] of [
    [firstRender, true],
    [lazy, false],
  ] as const) {
    for (const file of set) {
      const bytes = gzipBytes(await readFile(file))
      files.push({ file: relative(PUBLIC_DIR, file), gzipBytes: bytes, firstRender: isFirst })
    }
  }
  const sum = (first: boolean) =>
    files.filter((f) => f.firstRender === first).reduce((total, f) => total + f.gzipBytes, 0)
  return { firstRenderGzipBytes: sum(true), formChunkGzipBytes: sum(false), files }
}
