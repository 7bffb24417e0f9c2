import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { ackLeases } from '../../worker/leads/ack.ts'
import { pullLeads } from '../../worker/leads/pull.ts'
import { clearLeadStore, seedLeads } from './helpers/leads.ts'

beforeEach(clearLeadStore)

const T = Date.parse('2026-11-10T12:00:00Z')
const options = { batchSize: 10, visibilityTimeoutMs: 1000 }
/** The coordinator token's label, as bearer auth would set it. */
const READER = 'ana'

async function leaseOf(now: number) {
  const { leads } = await pullLeads(env, READER, options, now)
  return leads
}

describe('lease expiry', () => {
  it('brings an unacked lead back after its visibility timeout with attempts one higher', async () => {
    await seedLeads(1, 'lead', T - 60_000)
    const [first] = await leaseOf(T)
    expect(first?.attempts).toBe(1)
    expect(await leaseOf(T + 999)).toEqual([])
    const [again] = await leaseOf(T + 1000)
    expect(again?.id).toBe(first?.id)
    expect(again?.attempts).toBe(2)
    expect(again?.leaseId).not.toBe(first?.leaseId)
  })

  it('counts an expired lease as nothing, even before anyone else pulls', async () => {
    await seedLeads(1, 'lead', T - 60_000)
    const [first] = await leaseOf(T)
    const late = await ackLeases(
      env.LEADS,
      READER,
      { acks: [first?.leaseId ?? ''], retries: [], deletions: [] },
      T + 1000,
    )
    expect(late).toEqual({ acked: 0, retried: 0, deletionsAcked: 0 })
    expect(await leaseOf(T + 1001)).toHaveLength(1)
  })

  it("never acks another coordinator's lease with an expired one", async () => {
    await seedLeads(1, 'lead', T - 60_000)
    const [mine] = await leaseOf(T)
    const [theirs] = await leaseOf(T + 2000)
    const stale = {
      acks: [mine?.leaseId ?? ''],
      retries: [{ leaseId: mine?.leaseId ?? '', delaySeconds: 0 }],
      deletions: [],
    }
    expect(await ackLeases(env.LEADS, READER, stale, T + 2100)).toEqual({
      acked: 0,
      retried: 0,
      deletionsAcked: 0,
    })
    const row = await env.LEADS.prepare('SELECT acked_at, lease_id FROM leads').first()
    expect(row).toEqual({ acked_at: null, lease_id: theirs?.leaseId })
    const fresh = { acks: [theirs?.leaseId ?? ''], retries: [], deletions: [] }
    expect(await ackLeases(env.LEADS, READER, fresh, T + 2100)).toEqual({
      acked: 1,
      retried: 0,
      deletionsAcked: 0,
    })
  })

  it('acks a lease named both in acks and in retries', async () => {
    await seedLeads(1, 'lead', T - 60_000)
    const [lead] = await leaseOf(T)
    const leaseId = lead?.leaseId ?? ''
    const result = await ackLeases(
      env.LEADS,
      READER,
      { acks: [leaseId], retries: [{ leaseId, delaySeconds: 0 }], deletions: [] },
      T + 10,
    )
    expect(result).toEqual({ acked: 1, retried: 0, deletionsAcked: 0 })
    expect(await leaseOf(T + 5000)).toEqual([])
  })
})
