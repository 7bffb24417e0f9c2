import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import type { BuildOptions, Metafile, OutputFile, Plugin } from 'esbuild'
import * as esbuild from 'esbuild'
import { ROOT } from './wrangler.ts'

export const PUBLIC_DIR = join(ROOT, 'public')
const WIDGET_DIR = join(PUBLIC_DIR, 'widget')
/** The scripts of the Worker's own frame pages, by content-hashed name, and their manifest. */
const FRAMES_DIR = join(PUBLIC_DIR, 'frames')
export const FRAMES_MANIFEST = join(FRAMES_DIR, 'manifest.json')
/** Outputs of earlier layouts: removed by every build, so an upgraded checkout lints clean. */
const LEGACY_OUTPUTS = ['embed-frame.js', 'embed-request.js', 'my-request.js']
const FRAME_ENTRIES = {
  'embed-frame': 'widget/src/embed/frame.ts',
  // The request form's page (`/embed/request`), on the Worker's origin: it
  // shares nothing with main.js, which runs on partners' pages.
  'embed-request': 'widget/src/request/frame-page.tsx',
  // The family's receipt page (`/my-request`), a top-level page of the Worker's origin.
  'my-request': 'widget/src/my-request/page.ts',
}

/** Loaded by main.js when needed, each as `widget/<version>/<name>.js`. */
const LAZY_CHUNKS: Record<string, string> = {
  compare: 'widget/src/element/ui/compare-view.tsx',
  en: 'widget/src/element/i18n/en.ts',
  es: 'widget/src/element/i18n/es.ts',
}

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

/** In main.js, a dynamic import of a lazy chunk stays an import of its own file. */
const lazyChunksExternal: Plugin = {
  name: 'lazy-chunks-external',
  setup(build) {
    const byPath = new Map(Object.entries(LAZY_CHUNKS).map(([name, p]) => [resolve(ROOT, p), name]))
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined
      const name = byPath.get(resolve(args.resolveDir, args.path))
      if (!name) throw new Error(`${args.path}: a dynamic import must be one of LAZY_CHUNKS`)
      return { path: `./${name}.js`, external: true }
    })
  },
}

/**
 * In a lazy chunk, every module main.js already holds (the shared helpers)
 * is imported from main.js itself, by the names main.ts exports: nothing
 * downloaded twice. Preact is not in main.js (the list is plain DOM): the
 * comparison chunk carries it.
 */
function fromMain(main: Metafile['outputs'][string]): Plugin {
  const held = new Set(Object.keys(main.inputs).map((p) => resolve(ROOT, p)))
  // A few numbers and words: a chunk's own copy costs fewer bytes than
  // main.js exporting them by name.
  held.delete(resolve(ROOT, 'shared/limits.ts'))
  return {
    name: 'from-main',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'from-main' || args.kind === 'entry-point') return undefined
        const found = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'from-main',
        })
        if (found.errors.length > 0 || !held.has(found.path)) return found
        return { path: './main.js', external: true }
      })
    },
  }
}

/**
 * Fails the build when a lazy chunk imports a name main.js does not export
 * (see shared.ts): each chunk is linked against the other outputs, in memory.
 */
async function checkLinks(files: OutputFile[]): Promise<void> {
  const byName = new Map(files.map((f) => [basename(f.path), f.text]))
  const inMemory: Plugin = {
    name: 'in-memory',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => ({ path: basename(args.path), namespace: 'out' }))
      build.onLoad({ filter: /.*/, namespace: 'out' }, (args) => ({
        contents: byName.get(args.path) ?? '',
        loader: 'js',
      }))
    },
  }
  for (const name of byName.keys()) {
    if (name === 'main.js') continue
    await esbuild.build({
      entryPoints: [name],
      bundle: true,
      write: false,
      logLevel: 'silent',
      plugins: [inMemory],
    })
  }
}

/**
 * The version directory of one build: a hash of every module file's name and
 * content. The files must share it: main.js names the lazy chunks and they
 * import the shared helpers back from main.js, a cycle in which no file can change alone.
 * An unchanged widget keeps its URLs across deploys, so they are immutable.
 */
function versionOf(files: OutputFile[]): string {
  const hash = createHash('sha256')
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(`${basename(f.path)}\0${f.contents.length}\0`).update(f.contents)
  }
  return hash.digest('hex').slice(0, 12)
}

/** Moves an output path (absolute or relative to ROOT) from widget/ into widget/<version>/. */
function versioned(path: string, version: string): string {
  const absolute = resolve(ROOT, path)
  if (dirname(absolute) !== WIDGET_DIR) return path
  const moved = join(WIDGET_DIR, version, basename(absolute))
  return path === absolute ? moved : relative(ROOT, moved)
}

function versionMetafile(meta: Metafile, version: string): Metafile {
  const outputs: Metafile['outputs'] = {}
  for (const [path, output] of Object.entries(meta.outputs)) {
    outputs[versioned(path, version)] = {
      ...output,
      imports: output.imports.map((i) => ({ ...i, path: versioned(i.path, version) })),
    }
  }
  return { inputs: meta.inputs, outputs }
}

/**
 * Writes a file only when its bytes differ, whole (a temporary file renamed
 * over it). `wrangler dev` reloads on any event in public/, and a reload
 * restarts workerd, whose local Queue drops what waits in a batch window:
 * rebuilding the same code beside a running server must not touch a file.
 */
async function writeIfChanged(path: string, bytes: Uint8Array): Promise<void> {
  const current = await readFile(path).catch(() => undefined)
  if (current?.equals(bytes)) return
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.${process.pid}.partial`
  await writeFile(partial, bytes)
  await rename(partial, path)
}

/** Removes every entry of `dir` but those named in `keep` (old versions, old frame scripts). */
async function removeAllBut(dir: string, keep: string[]): Promise<void> {
  const entries = await readdir(dir).catch(() => [])
  await Promise.all(
    entries
      .filter((name) => !keep.includes(name))
      .map((name) => rm(join(dir, name), { recursive: true, force: true })),
  )
}

/**
 * Builds the widget into public/: `widget.js` is a tiny classic script (what
 * partners embed with `async`, at a URL that never changes), which imports the
 * ES module `widget/<version>/main.js`: everything the list needs in one file
 * (one gzip stream, one request). The comparison, the form and each language
 * are lazy chunks next to it, which import the shared helpers back
 * from main.js. The request form is not among them: it is
 * `embed-request.js`, the script of the frame page `/embed/request`. Returns
 * both module builds' metafiles merged (for sizes).
 */
export async function buildWidget(): Promise<Metafile> {
  const common = {
    bundle: true,
    minify: true,
    target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    // Everything is checked in memory and written at the end, so a failed build
    // leaves the last good one; only files whose bytes changed are written.
    write: false,
  } satisfies BuildOptions
  const modules = await esbuild.build({
    ...common,
    entryPoints: { main: 'widget/src/element/main.ts' },
    outdir: WIDGET_DIR,
    format: 'esm',
    metafile: true,
    plugins: [cssAsText, lazyChunksExternal],
  })
  const mainPath = relative(ROOT, join(WIDGET_DIR, 'main.js'))
  const main = modules.metafile.outputs[mainPath]
  if (!main) throw new Error(`${mainPath} missing from the build`)
  const lazy = await esbuild.build({
    ...common,
    entryPoints: LAZY_CHUNKS,
    outdir: WIDGET_DIR,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    metafile: true,
    plugins: [cssAsText, fromMain(main)],
  })
  const files = [...modules.outputFiles, ...lazy.outputFiles]
  await checkLinks(files)
  const version = versionOf(files)
  const loaders = await esbuild.build({
    ...common,
    entryPoints: {
      widget: 'widget/src/element/loader.ts',
      'embed-resize': 'widget/src/embed/resize.ts',
    },
    outdir: PUBLIC_DIR,
    format: 'iife',
    plugins: [cssAsText],
    define: { __WIDGET_MAIN__: JSON.stringify(`widget/${version}/main.js`) },
  })
  // The frame pages' scripts, named by their content: a page rendered after a
  // deploy never pairs with a script cached from before it. The Worker reads
  // their names from the manifest (worker/embed/frame-scripts.ts).
  const frames = await esbuild.build({
    ...common,
    entryPoints: FRAME_ENTRIES,
    entryNames: '[name]-[hash]',
    outdir: FRAMES_DIR,
    format: 'iife',
    metafile: true,
    plugins: [cssAsText],
  })
  const manifest: Record<string, string> = {}
  for (const [path, output] of Object.entries(frames.metafile.outputs)) {
    const entry = output.entryPoint
    const name = Object.entries(FRAME_ENTRIES).find(([, source]) => source === entry)?.[0]
    if (name) manifest[name] = `/frames/${basename(path)}`
  }
  // The version's modules and the frames' scripts first, then what names
  // them (the loaders, the frames' manifest), then what no build names any
  // more: a page loaded during the build finds every file it asks for.
  await Promise.all([
    ...files.map((f) => writeIfChanged(versioned(f.path, version), f.contents)),
    ...frames.outputFiles.map((f) => writeIfChanged(f.path, f.contents)),
  ])
  await Promise.all([
    ...loaders.outputFiles.map((f) => writeIfChanged(f.path, f.contents)),
    writeIfChanged(
      FRAMES_MANIFEST,
      new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    ),
  ])
  await removeAllBut(WIDGET_DIR, [version])
  // Scripts an older build wrote at the top of public/, now under frames/ by their hash.
  await Promise.all(LEGACY_OUTPUTS.map((name) => rm(join(PUBLIC_DIR, name), { force: true })))
  await removeAllBut(FRAMES_DIR, [
    ...frames.outputFiles.map((f) => basename(f.path)),
    basename(FRAMES_MANIFEST),
  ])
  return versionMetafile(
    {
      inputs: { ...modules.metafile.inputs, ...lazy.metafile.inputs },
      outputs: { ...modules.metafile.outputs, ...lazy.metafile.outputs },
    },
    version,
  )
}
