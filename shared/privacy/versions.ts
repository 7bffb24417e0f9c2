// The privacy notices a family may be shown, by version. Valibot-free and
// text-free, so the request form can name the current version without
// carrying the notices; their texts are in notices.ts.
import type { INQUIRY_LANGUAGES } from '../limits.ts'

/** Every version ever shown: intake refuses any other, so no client invents one. */
export const NOTICE_VERSIONS = ['2026-12'] as const
export type NoticeVersion = (typeof NOTICE_VERSIONS)[number]

/** The version the form shows now. */
export const CURRENT_NOTICE_VERSION: NoticeVersion = '2026-12'

export type NoticeLanguage = (typeof INQUIRY_LANGUAGES)[number]

/** Where the Worker serves a notice (`/privacy/2026-12/es`); `.txt` gives the exact hashed text. */
export function noticePath(version: NoticeVersion, lang: NoticeLanguage): string {
  return `/privacy/${version}/${lang}`
}
