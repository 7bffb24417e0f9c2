import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { Attribution } from '../../shared/schemas/attribution.ts'
import { pageCarriesPerson, tagCarriesPerson } from '../../shared/schemas/attribution-rules.ts'
import {
  attributionParams,
  frameAttribution,
  readAttribution,
} from '../../widget/src/common/attribution.ts'

const params = (query: string) => new URLSearchParams(query)

describe("the widget's attribution", () => {
  it('takes the UTM parameters and the path', () => {
    expect(
      readAttribution(
        params('utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=x&q=1'),
        '/blog/post',
        null,
      ),
    ).toEqual({ source: 'newsletter', medium: 'email', campaign: 'spring', page: '/blog/post' })
  })

  it('lets the campaign attribute win over utm_campaign', () => {
    expect(readAttribution(params('utm_campaign=spring'), '/', 'sidebar')?.campaign).toBe('sidebar')
    expect(readAttribution(params('utm_campaign=spring'), '/', '  ')?.campaign).toBe('spring')
  })

  it('is undefined when the page says nothing', () => {
    expect(readAttribution(params(''), null, null)).toBeUndefined()
  })

  it('drops values with an email address rather than sending them', () => {
    expect(
      readAttribution(params('utm_source=ana@example.com'), '/u/ana@example.com', null),
    ).toBeUndefined()
  })

  it.each([
    ['an encoded email', 'utm_campaign=ana%2540example.com', '/blog/post'],
    ['a phone number', 'utm_campaign=%2B52%2055%201234%205678', '/blog/post'],
    ['a US phone number', 'utm_source=(415)%20555-0142', '/blog/post'],
  ])('drops a UTM value carrying %s, keeps the rest', (_, query, path) => {
    expect(readAttribution(params(query), path, null)).toEqual({ page: '/blog/post' })
  })

  it.each([
    ['/users/ana-garcia-1985'],
    ['/unsubscribe/ana%40example.com'],
    ['/orders/5551234567'],
    ['/post;jsessionid=abc'],
    ['/r/3f2b8c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
  ])('drops the page path %s, which names a person or an id', (path) => {
    expect(readAttribution(params('utm_source=blog'), path, null)).toEqual({ source: 'blog' })
  })

  it('keeps dated campaigns and blog paths, which name no one', () => {
    expect(
      readAttribution(params('utm_campaign=newsletter-2026-11-05'), '/2026/11/05/guide', null),
    ).toEqual({ campaign: 'newsletter-2026-11-05', page: '/2026/11/05/guide' })
  })

  it('always produces what the Worker accepts, whatever the page holds', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('utm_source', 'utm_medium', 'utm_campaign', 'other'),
          fc.string({ maxLength: 300, unit: 'binary' }),
        ),
        fc.webPath(),
        fc.option(fc.string({ maxLength: 300, unit: 'grapheme' })),
        (query, path, campaign) => {
          const found = readAttribution(new URLSearchParams(query), path, campaign)
          if (found !== undefined) expect(v.safeParse(Attribution, found).issues).toBeUndefined()
        },
      ),
    )
  })

  it('crosses into a frame by URL parameters and reads back the same', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            source: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
            medium: fc.stringMatching(/^[a-z]([a-z0-9 ]{0,5}[a-z])?$/),
            campaign: fc.stringMatching(/^[A-Za-z0-9_.]{1,100}$/),
            page: fc.stringMatching(/^\/[a-z0-9/%-]{0,40}$/),
          },
          { requiredKeys: [] },
        ),
        (attribution) => {
          // Values that carry a person (a 7-digit run, /u/NAME) are dropped on purpose,
          // tested above; this property is about the crossing of what is kept.
          fc.pre(
            ![attribution.source, attribution.medium, attribution.campaign].some(
              (tag) => tag !== undefined && tagCarriesPerson(tag),
            ) && !(attribution.page !== undefined && pageCarriesPerson(attribution.page)),
          )
          const url = new URL(`https://worker.example/embed/request?partner=demo`)
          for (const [k, value] of attributionParams(attribution)) url.searchParams.set(k, value)
          const expected = Object.keys(attribution).length > 0 ? attribution : undefined
          expect(frameAttribution(url.searchParams)).toEqual(expected)
        },
      ),
    )
  })
})
