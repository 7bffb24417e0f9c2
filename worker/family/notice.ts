import { noticeText } from '../../shared/privacy/notices.ts'
import type { NoticeLanguage, NoticeVersion } from '../../shared/privacy/versions.ts'
import { sha256Hex } from '../crypto/sha256.ts'

const hashes = new Map<string, Promise<string>>()

/** SHA-256 (hex) of a notice's text as UTF-8: what `sha256sum` prints for `/privacy/V/L.txt`. */
export function noticeSha256(version: NoticeVersion, lang: NoticeLanguage): Promise<string> {
  const key = `${version}/${lang}`
  let hash = hashes.get(key)
  if (!hash) {
    hash = sha256Hex(noticeText(version, lang))
    hashes.set(key, hash)
  }
  return hash
}
