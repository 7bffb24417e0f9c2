import { NOTICE_2026_12 } from './notice-2026-12.ts'
import type { NoticeLanguage, NoticeVersion } from './versions.ts'

/** Every published notice text, by version and language. */
const NOTICES: Record<NoticeVersion, Record<NoticeLanguage, string>> = {
  '2026-12': NOTICE_2026_12,
}

export function noticeText(version: NoticeVersion, lang: NoticeLanguage): string {
  return NOTICES[version][lang]
}
