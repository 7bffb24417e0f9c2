/**
 * A lazy chunk (see LAZY_CHUNKS in scripts/lib/build-widget.ts), loaded once,
 * on first need. A browser remembers a module URL that failed for the life of
 * the page: importing it again fails at once, without a request. So a retry
 * asks for the chunk under a new URL, `<name>.js?retry=N` next to main.js; it
 * still imports the shared helpers from main.js, one instance of each.
 */
export function lazyChunk<M>(name: string, first: () => Promise<M>): () => Promise<M> {
  let pending: Promise<M> | undefined
  let attempts = 0
  return () => {
    if (!pending) {
      const attempt = attempts++
      const load =
        attempt === 0
          ? first()
          : (import(new URL(`${name}.js?retry=${attempt}`, import.meta.url).href) as Promise<M>)
      load.catch(() => {
        pending = undefined
      })
      pending = load
    }
    return pending
  }
}
