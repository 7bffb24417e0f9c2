import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { BuildOptions } from 'esbuild'
import * as esbuild from 'esbuild'
import { ROOT } from './wrangler.ts'

export const PUBLIC_DIR = join(ROOT, 'public')

/**
 * Builds the widget into public/: `widget.js` is a tiny classic script (what
 * partners embed with `async`), which imports the ES module chunks from
 * `widget/`, so the form can load after first render and share one Preact.
 */
export async function buildWidget(): Promise<void> {
  await rm(join(PUBLIC_DIR, 'widget'), { recursive: true, force: true })
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  }
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['widget/src/loader.ts'],
      outfile: join(PUBLIC_DIR, 'widget.js'),
      format: 'iife',
    }),
    esbuild.build({
      ...common,
      entryPoints: { main: 'widget/src/main.tsx' },
      outdir: join(PUBLIC_DIR, 'widget'),
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
    }),
  ])
}
