import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { BuildOptions, Metafile, Plugin } from 'esbuild'
import * as esbuild from 'esbuild'
import { ROOT } from './wrangler.ts'

export const PUBLIC_DIR = join(ROOT, 'public')
export const WIDGET_DIR = join(PUBLIC_DIR, 'widget')

/** CSS is imported as minified text, for a constructable stylesheet (no <style>, no inline style). */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      const { code } = await esbuild.transform(source, { loader: 'css', minify: true })
      return { contents: code.trim(), loader: 'text' }
    })
  },
}

/**
 * Builds the widget into public/: `widget.js` is a tiny classic script (what
 * partners embed with `async`), which imports the ES module chunks from
 * `widget/`, so the comparison, the form and each language load when needed
 * and share one Preact. Returns the module build's metafile (for sizes).
 */
export async function buildWidget(): Promise<Metafile> {
  await rm(WIDGET_DIR, { recursive: true, force: true })
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    plugins: [cssAsText],
  }
  const [, modules] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['widget/src/loader.ts'],
      outfile: join(PUBLIC_DIR, 'widget.js'),
      format: 'iife',
    }),
    esbuild.build({
      ...common,
      entryPoints: { main: 'widget/src/main.tsx' },
      outdir: WIDGET_DIR,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      metafile: true,
    }),
  ])
  return modules.metafile
}
