/** A path under the API base, with or without a trailing slash on the base. */
export function apiUrl(base: string, path: string): string {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href
}
