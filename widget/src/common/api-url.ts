/** `path` under `base`, which may or may not end in a slash (the loader shares this with the widget). */
export function apiUrl(base: string, path: string): string {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href
}
