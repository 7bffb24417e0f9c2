import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { noticeText } from '../../../shared/privacy/notices.ts'
import { CURRENT_NOTICE_VERSION } from '../../../shared/privacy/versions.ts'
import { sha256Hex } from '../../../worker/crypto/sha256.ts'
import { DEMO_API_KEY, seedCatalog } from '../helpers/catalog.ts'
import { call, json, ORIGIN } from '../helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from '../helpers/inquiry.ts'
import { clearLeadStore, pull } from '../helpers/leads.ts'

beforeAll(() => seedCatalog())
beforeEach(clearLeadStore)

describe('the privacy notice', () => {
  it.each(['en', 'es'] as const)(
    'serves %s with the SHA-256 of the text it keeps',
    async (lang) => {
      const expected = await sha256Hex(noticeText(CURRENT_NOTICE_VERSION, lang))
      const page = await call(`/privacy/${CURRENT_NOTICE_VERSION}/${lang}`)
      expect(page.status).toBe(200)
      expect(page.headers.get('Content-Type')).toContain('text/html')
      expect(page.headers.get('Notice-SHA256')).toBe(expected)
      expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
      const html = await page.text()
      expect(html).toContain(`<html lang="${lang}">`)
      expect(html).toContain(expected)
      const text = await call(`/privacy/${CURRENT_NOTICE_VERSION}/${lang}.txt`)
      expect(await sha256Hex(await text.text())).toBe(expected)
    },
  )

  it('answers 404 for a version or language it does not have', async () => {
    expect((await call('/privacy/2025-01/en')).status).toBe(404)
    expect((await call(`/privacy/${CURRENT_NOTICE_VERSION}/fr`)).status).toBe(404)
    expect((await call(`/privacy/${CURRENT_NOTICE_VERSION}/en.html`)).status).toBe(404)
  })
})

describe('consents at intake', () => {
  it('refuses a notice version the Worker does not know, so no client invents one', async () => {
    const response = await postInquiry(validInquiry({ consentVersion: '2026-11.1-es' as never }))
    expect(response.status).toBe(422)
    const body = await json<{ issues: { path: string }[] }>(response)
    expect(body.issues.map((i) => i.path)).toContain('consentVersion')
  })

  it('refuses a request without the required consent to keep and use the answers', async () => {
    const response = await postInquiry({ ...validInquiry(), consent: false })
    expect(response.status).toBe(422)
  })

  it('seals a consent record with the lead: notice version and hash, language, both choices, time, partner, origin', async () => {
    const response = await postInquiry(
      validInquiry({ shareWithClinics: true, language: 'en', noticeLanguage: 'es' }),
    )
    const { id } = await json<{ id: string }>(response)
    await waitForLead(id)
    const { body } = await pull()
    const [lead] = body.leads
    expect(lead?.id).toBe(id)
    expect(lead?.sharing).toBe('share-with-clinics')
    expect(lead?.consent).toEqual({
      noticeVersion: CURRENT_NOTICE_VERSION,
      noticeSha256: await sha256Hex(noticeText(CURRENT_NOTICE_VERSION, 'es')),
      language: 'es',
      keepAndUse: true,
      shareWithClinics: true,
      at: lead?.receivedAt,
      partnerId: 'demo',
      formOrigin: ORIGIN,
    })
  })

  it('marks a lead without the consent to share "do not share with clinics"', async () => {
    const response = await postInquiry(validInquiry(), {
      origin: null,
      authorization: `Bearer ${DEMO_API_KEY}`,
    })
    const { id } = await json<{ id: string }>(response)
    await waitForLead(id)
    const { body } = await pull()
    expect(body.leads[0]?.sharing).toBe('do-not-share-with-clinics')
    expect(body.leads[0]?.consent).toMatchObject({ shareWithClinics: false, formOrigin: null })
  })

  it('keeps nothing of the consent in clear', async () => {
    const response = await postInquiry(validInquiry({ shareWithClinics: true }))
    const { id } = await json<{ id: string }>(response)
    await waitForLead(id)
    const row = await env.LEADS.prepare('SELECT * FROM leads WHERE id = ?1').bind(id).first()
    expect(JSON.stringify(row)).not.toMatch(/shareWithClinics|noticeSha256|2026-12/)
  })
})
