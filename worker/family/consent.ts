import type { ConsentRecord } from '../../shared/schemas/consent.ts'
import type { Inquiry } from '../../shared/schemas/inquiry.ts'
import { noticeSha256 } from './notice.ts'

/**
 * The consent record sealed with a lead. The browser names only the notice
 * version and the choices; the hash is of the text the Worker serves under
 * that version, and the time, partner and origin are what intake saw.
 */
export async function consentRecord(
  inquiry: Inquiry,
  seen: { receivedAt: number; formOrigin: string | null },
): Promise<ConsentRecord> {
  const language = inquiry.noticeLanguage ?? inquiry.language
  return {
    noticeVersion: inquiry.consentVersion,
    noticeSha256: await noticeSha256(inquiry.consentVersion, language),
    language,
    keepAndUse: true,
    shareWithClinics: inquiry.shareWithClinics,
    at: new Date(seen.receivedAt).toISOString(),
    partnerId: inquiry.partnerId,
    formOrigin: seen.formOrigin,
  }
}
