import { env } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { seal } from '../../worker/crypto/lead-cipher.ts'
import { insertLead } from '../../worker/leads/insert.ts'
import { clearLeadStore, pull, sampleInquiry, seedLead } from './helpers/leads.ts'

let logged: MockInstance
beforeEach(async () => {
  await clearLeadStore()
  logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => logged.mockRestore())

const edit = (sql: string) => env.LEADS.prepare(sql).run()

describe("a lead's id, partner and received time are bound to its ciphertext", () => {
  it('delivers an untouched lead', async () => {
    await seedLead('bound-ok')
    const { body } = await pull()
    expect(body.leads.map((l) => l.id)).toEqual(['bound-ok'])
  })

  it.each([
    ['its credit moved to another partner', "UPDATE leads SET partner_id = 'blog-b'"],
    ['its received time changed', 'UPDATE leads SET received_at = received_at - 86400000'],
  ])('never delivers a lead with %s: it is skipped and reported', async (_, change) => {
    await seedLead('bound-1')
    await edit(change)
    const { response, body } = await pull()
    expect(response.status).toBe(200)
    expect(body.leads).toEqual([])
    expect(body.skipped).toBe(1)
    const lines = logged.mock.calls.flat().join('\n')
    expect(lines).toContain('leads.tampered_or_damaged')
    expect(lines).toContain('bound-1')
  })

  it('never delivers a ciphertext copied onto another lead’s row', async () => {
    await seedLead('bound-a')
    await seedLead('bound-b')
    await edit(
      "UPDATE leads SET (iv, ciphertext) = (SELECT iv, ciphertext FROM leads WHERE id = 'bound-a') WHERE id = 'bound-b'",
    )
    const { body } = await pull()
    expect(body.leads.map((l) => l.id)).toEqual(['bound-a'])
    expect(body.skipped).toBe(1)
  })

  it('still reads a lead sealed to its id alone, but not one moved to another partner', async () => {
    const legacy = async (id: string) => {
      const payload = { v: 1, inquiry: sampleInquiry(), flags: [] }
      const sealed = await seal(env.LEADS_KEY, JSON.stringify(payload), `lead:${id}`)
      await insertLead(env.LEADS, { id, partnerId: 'demo', receivedAt: Date.now() - 1000, sealed })
    }
    await legacy('legacy-kept')
    await legacy('legacy-moved')
    await edit("UPDATE leads SET partner_id = 'blog-b' WHERE id = 'legacy-moved'")
    const { body } = await pull()
    expect(body.leads.map((l) => l.id)).toEqual(['legacy-kept'])
    expect(body.skipped).toBe(1)
  })
})
