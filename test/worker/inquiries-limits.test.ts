import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { clientKey } from '../../worker/intake/client-key.ts'
import { DEMO_API_KEY, sampleCatalog, seedCatalog } from './helpers/catalog.ts'
import { ORIGIN } from './helpers/http.ts'
import { postInquiry, validInquiry } from './helpers/inquiry.ts'
import { inOneLimiterWindow } from './helpers/limiter-window.ts'

/** INQUIRY_LIMITER's limit per partner and client in wrangler.toml. */
const PER_CLIENT = 20

describe('the client a rate limit counts', () => {
  it('is an IPv4 address as it is', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7')
    expect(clientKey('203.0.113.8')).not.toBe(clientKey('203.0.113.7'))
  })

  it('is an IPv6 address’s /64, however the address is written', () => {
    const forms = [
      '2001:db8:aa:bb:1:2:3:4',
      '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff',
      '2001:DB8:AA:BB::1',
      '2001:db8:aa:bb::',
    ]
    expect(new Set(forms.map(clientKey))).toEqual(new Set(['2001:db8:aa:bb::/64']))
    expect(clientKey('2001:db8:aa:bc::1')).not.toBe(clientKey('2001:db8:aa:bb::1'))
    expect(clientKey('::1')).toBe('0:0:0:0::/64')
  })

  it('is the IPv4 address inside an IPv4-mapped IPv6 address', () => {
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
  })

  it('keeps anything else as a key of its own, cut short', () => {
    expect(clientKey('not an address')).toBe('not an address')
    expect(clientKey('x'.repeat(500))).toHaveLength(64)
  })
})

describe('rate limits on POST /v1/inquiries', () => {
  beforeEach(async () => {
    const catalog = sampleCatalog()
    const [demo] = catalog.partners
    if (!demo) throw new Error('the sample catalog has partners')
    catalog.partners.push({ ...demo, id: 'ceiling-test', name: 'Ceiling test (sample)' })
    await seedCatalog(catalog)
  })

  it('limits an IPv6 client that rotates the last 64 bits of its address', async () => {
    await inOneLimiterWindow(5_000)
    const statuses: number[] = []
    // Local rate limiting lets one more through than the limit before refusing.
    for (let i = 0; i <= PER_CLIENT + 1 && !statuses.includes(429); i++) {
      const ip = `2001:db8:77:1:${((i * 7919) & 0xffff).toString(16)}:${i.toString(16)}:beef:${(i + 1).toString(16)}`
      const response = await postInquiry(validInquiry(), { ip })
      statuses.push(response.status)
      if (response.status === 429) {
        expect(response.headers.get('Retry-After')).toBe('60')
        expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
      }
    }
    expect(statuses.slice(0, PER_CLIENT).every((s) => s === 202)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    // The next /64 is another client.
    const neighbour = await postInquiry(validInquiry(), { ip: '2001:db8:77:2::1' })
    expect(neighbour.status).toBe(202)
  }, 20_000)

  it('holds a partner’s server to the partner’s ceiling, not to one client’s limit', async () => {
    // Every family a partner's server forwards comes from the server's one address.
    const server = { ip: '203.0.113.50', origin: null, authorization: `Bearer ${DEMO_API_KEY}` }
    const statuses: number[] = []
    for (let i = 0; i < PER_CLIENT + 5; i++) {
      statuses.push((await postInquiry(validInquiry(), server)).status)
    }
    expect(statuses).toEqual(Array(PER_CLIENT + 5).fill(202))
  })

  it('limits a client sending keys no partner holds, as any other client', async () => {
    await inOneLimiterWindow(5_000)
    const guesser = {
      ip: '203.0.113.51',
      origin: null,
      authorization: 'Bearer not-a-key-of-anyone-0123456789',
    }
    const statuses: number[] = []
    for (let i = 0; i <= PER_CLIENT + 1 && !statuses.includes(429); i++) {
      statuses.push((await postInquiry(validInquiry(), guesser)).status)
    }
    expect(statuses.slice(0, PER_CLIENT)).toEqual(Array(PER_CLIENT).fill(401))
    expect(statuses.at(-1)).toBe(429)
  }, 20_000)

  it('stops a partner at its ceiling, whatever the clients, with Retry-After and CORS', async () => {
    await inOneLimiterWindow(30_000)
    // Fill this partner's minute as many clients would, then send one more.
    let filled = 0
    while ((await env.PARTNER_INQUIRY_LIMITER.limit({ key: 'ceiling-test' })).success) filled++
    expect(filled).toBeGreaterThan(PER_CLIENT)
    const response = await postInquiry(validInquiry({ partnerId: 'ceiling-test' }))
    expect(response.status).toBe(429)
    expect(response.headers.get('Retry-After')).toBe('60')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(await response.json()).toMatchObject({ error: 'rate_limited' })
    // Hundreds of calls to the local limiter: seconds on a busy machine.
  }, 60_000)
})
