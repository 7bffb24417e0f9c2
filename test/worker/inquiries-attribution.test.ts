import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ATTRIBUTION_PAGE_MAX, ATTRIBUTION_TAG_MAX } from '../../shared/schemas/attribution.ts'
import { sampleCatalog, seedCatalog } from './helpers/catalog.ts'
import { json } from './helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'
import { clearLeadStore } from './helpers/leads.ts'

const REGISTERED = ['Boletín primavera', 'spring-newsletter']

beforeAll(async () => {
  const catalog = sampleCatalog()
  for (const partner of catalog.partners) partner.campaigns = REGISTERED
  await seedCatalog(catalog)
})
beforeEach(clearLeadStore)

interface Issues {
  error: string
  issues: { path: string; message: string }[]
}

/** Sends an inquiry with this attribution and reads what its lead keeps in clear. */
async function storedAttribution(attribution?: Record<string, string>) {
  const response = await postInquiry(validInquiry(attribution ? { attribution } : {}))
  expect(response.status).toBe(202)
  const { id } = await json<{ id: string }>(response)
  await waitForLead(id)
  return env.LEADS.prepare(
    'SELECT attr_source, attr_medium, attr_campaign, attr_page FROM leads WHERE id = ?1',
  )
    .bind(id)
    .first()
}

describe('attribution in an inquiry', () => {
  it('is stored beside the lead in clear when its campaign is registered; no health flag is', async () => {
    const attribution = {
      source: 'newsletter',
      medium: 'email',
      campaign: 'Boletín primavera',
      page: '/blog/comparar-cl%C3%ADnicas',
    }
    expect(await storedAttribution(attribution)).toEqual({
      attr_source: 'newsletter',
      attr_medium: 'email',
      attr_campaign: 'Boletín primavera',
      attr_page: '/blog/comparar-cl%C3%ADnicas',
    })
    const columns = await env.LEADS.prepare('SELECT name FROM pragma_table_info(?1)')
      .bind('leads')
      .all<{ name: string }>()
    expect(columns.results.map((c) => c.name)).not.toContain('flagged_for_review')
  })

  it('keeps a campaign the partner never registered as no campaign, and the rest', async () => {
    const attribution = { source: 'newsletter', campaign: 'visitor-1001', page: '/blog/post' }
    expect(await storedAttribution(attribution)).toEqual({
      attr_source: 'newsletter',
      attr_medium: null,
      attr_campaign: null,
      attr_page: '/blog/post',
    })
    // A retry of the same request still matches its first fingerprint.
    const again = await postInquiry(validInquiry({ attribution }), { key: 'unregistered-1' })
    const repeat = await postInquiry(validInquiry({ attribution }), { key: 'unregistered-1' })
    expect([again.status, repeat.status]).toEqual([202, 202])
  })

  it('is optional', async () => {
    expect(await storedAttribution()).toEqual({
      attr_source: null,
      attr_medium: null,
      attr_campaign: null,
      attr_page: null,
    })
  })

  it.each([
    ['a dated campaign', { campaign: 'newsletter-2026-11-05' }],
    ['a dated blog path', { page: '/2026/11/05/msc-therapy-guide' }],
    ['a short number', { campaign: 'top-10' }],
    ['an encoded accent', { page: '/blog/comparar-cl%C3%ADnicas' }],
  ])('accepts %s: nothing about a person in it', async (_, attribution) => {
    const response = await postInquiry(validInquiry({ attribution }))
    expect(response.status).toBe(202)
  })

  it('accepts values at their bounds', async () => {
    const response = await postInquiry(
      validInquiry({
        attribution: {
          campaign: 'c'.repeat(ATTRIBUTION_TAG_MAX),
          page: `/${'p'.repeat(ATTRIBUTION_PAGE_MAX - 1)}`,
        },
      }),
    )
    expect(response.status).toBe(202)
  })

  it.each([
    ['a campaign over the bound', { campaign: 'c'.repeat(ATTRIBUTION_TAG_MAX + 1) }, 'campaign'],
    ['a page over the bound', { page: `/${'p'.repeat(ATTRIBUTION_PAGE_MAX)}` }, 'page'],
    ['a page with a query', { page: '/post?utm_source=x' }, 'page'],
    ['a page with a fragment', { page: '/post#top' }, 'page'],
    ['a full URL as the page', { page: 'https://blog.example/post' }, 'page'],
    ['an email address as a campaign', { campaign: 'ana@example.com' }, 'campaign'],
    ['an email address in the page', { page: '/unsubscribe/ana@example.com' }, 'page'],
    ['a percent-encoded email in the page', { page: '/unsubscribe/ana%40example.com' }, 'page'],
    ['a twice-encoded email in the page', { page: '/u/ana%2540example.com' }, 'page'],
    ['a percent-encoded email as a campaign', { campaign: 'ana%40example.com' }, 'campaign'],
    ['a phone number as a campaign', { campaign: '+52 55 1234 5678' }, 'campaign'],
    ['a US phone number as a source', { source: '(415) 555-0142' }, 'source'],
    ['a long number in the page', { page: '/orders/5551234567' }, 'page'],
    ['a person’s page', { page: '/users/ana-garcia-1985' }, 'page'],
    ['a query-like page', { page: '/post;jsessionid=abc' }, 'page'],
    ['an encoded query in the page', { page: '/post%3Femail%3Dx' }, 'page'],
    ['an id-like segment', { page: '/r/3f2b8c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }, 'page'],
    ['markup in a source', { source: '<script>' }, 'source'],
    ['an empty medium', { medium: '   ' }, 'medium'],
    ['a number as a source', { source: 7 }, 'source'],
    ['an unknown key', { term: 'autism' }, 'term'],
  ])('refuses %s with a 422 naming its path', async (_, attribution, field) => {
    const response = await postInquiry({ ...validInquiry(), attribution })
    expect(response.status).toBe(422)
    const body = await json<Issues>(response)
    expect(body.error).toBe('invalid_inquiry')
    expect(new Set(body.issues.map((i) => i.path))).toEqual(new Set([`attribution.${field}`]))
  })

  it('refuses attribution that is not an object', async () => {
    const response = await postInquiry({ ...validInquiry(), attribution: 'newsletter' })
    expect(response.status).toBe(422)
    expect((await json<Issues>(response)).issues.map((i) => i.path)).toEqual(['attribution'])
  })
})
