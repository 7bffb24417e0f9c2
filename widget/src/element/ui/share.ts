/**
 * The share link: `#clinic-compare=ID,ID,ID` on the partner's own page. A
 * fragment never reaches a server, so the choice of clinics stays in the link.
 * Read and written by the comparison chunk; first render only looks for the key.
 */
import { MAX_CLINICS_PER_INQUIRY } from '../../../../shared/limits.ts'
import { SHARE_KEY as KEY } from './share-key.ts'

/** The clinic ids a URL fragment asks to compare, or [] when it asks nothing of the widget. */
export function parseShareFragment(hash: string): string[] {
  const part = hash
    .replace(/^#/, '')
    .split('&')
    .find((p) => p.startsWith(KEY))
  if (part === undefined) return []
  let ids: string[]
  try {
    ids = decodeURIComponent(part.slice(KEY.length)).split(',')
  } catch {
    return []
  }
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))].slice(0, MAX_CLINICS_PER_INQUIRY)
}

/** The page's own address with its fragment replaced by the comparison's. */
export function shareUrl(href: string, ids: readonly string[]): string {
  const base = href.split('#')[0] ?? href
  return `${base}#${KEY}${ids.map(encodeURIComponent).join(',')}`
}

/** The clinics a share link names that the catalog still lists, in the link's order. */
export function sharedIds(hash: string, clinics: readonly { id: string }[]): string[] {
  const known = new Set(clinics.map((c) => c.id))
  return parseShareFragment(hash).filter((id) => known.has(id))
}
