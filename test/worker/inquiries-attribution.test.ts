import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ATTRIBUTION_PAGE_MAX, ATTRIBUTION_TAG_MAX } from '../../shared/schemas/attribution.ts'
import { seedCatalog } from './helpers/catalog.ts'
import { json } from './helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'
import { clearLeadStore } from './helpers/leads.ts'

beforeAll(() => seedCatalog())
beforeEach(clearLeadStore)

interface Issues {
  error: string
  issues: { path: string; message: string }[]
}

async function clearColumns(id: string) {
  return env.LEADS.prepare(
    `SELECT attr_source, attr_medium, attr_campaign, attr_page, flagged_for_review
     FROM leads WHERE id = ?1`,
  )
    .bind(id)
    .first()
}

describe('attribution in an inquiry', () => {
  it('is stored beside the lead in clear, with the review flag', async () => {
    const attribution = {
      source: 'newsletter',
      medium: 'email',
      campaign: 'Boletín primavera',
      page: '/blog/comparar-cl%C3%ADnicas',
    }
    const response = await postInquiry(validInquiry({ attribution }))
    expect(response.status).toBe(202)
    const { id } = await json<{ id: string }>(response)
    await waitForLead(id)
    expect(await clearColumns(id)).toEqual({
      attr_source: 'newsletter',
      attr_medium: 'email',
      attr_campaign: 'Boletín primavera',
      attr_page: '/blog/comparar-cl%C3%ADnicas',
      flagged_for_review: 1,
    })
  })

  it('is optional, and an inquiry answered "no" throughout is not flagged', async () => {
    const preScreen = {
      activeInfection: 'no',
      uncontrolledSeizures: 'no',
      kidneyOrLiverProblems: 'no',
      geneticSyndrome: 'no',
    } as const
    const response = await postInquiry(validInquiry({ preScreen }))
    expect(response.status).toBe(202)
    const { id } = await json<{ id: string }>(response)
    await waitForLead(id)
    expect(await clearColumns(id)).toEqual({
      attr_source: null,
      attr_medium: null,
      attr_campaign: null,
      attr_page: null,
      flagged_for_review: 0,
    })
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
