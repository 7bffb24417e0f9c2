import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { purgeFamilyLogs } from '../../../worker/family/retention.ts'
import { clearLeadStore, seedLead } from '../helpers/leads.ts'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2026-11-20T03:17:00Z')
const OLD = NOW - 91 * DAY

beforeEach(async () => {
  await clearLeadStore()
  await env.LEADS.batch([
    env.LEADS.prepare('DELETE FROM withdrawn'),
    env.LEADS.prepare('DELETE FROM lead_reads'),
    env.LEADS.prepare('DELETE FROM rights_requests'),
  ])
})

const read = (lead: string, reader: string, event: string, at: number) =>
  env.LEADS.prepare(
    'INSERT INTO lead_reads (lead_id, reader, event, at) VALUES (?1, ?2, ?3, ?4)',
  ).bind(lead, reader, event, at)

async function leadsInLog(): Promise<string[]> {
  const { results } = await env.LEADS.prepare(
    'SELECT DISTINCT lead_id AS id FROM lead_reads ORDER BY 1',
  ).run<{ id: string }>()
  return results.map((r) => r.id)
}

describe('the read log and the rights log follow the leads’ retention', () => {
  it('keep a live lead’s entries and a deletion a coordinator has not confirmed; drop settled old ones', async () => {
    await seedLead('live', { receivedAt: OLD })
    await env.LEADS.batch([
      read('live', 'ana', 'pulled', OLD),
      // Purged after its ack, long ago: settled.
      read('purged', 'ana', 'pulled', OLD),
      read('purged', 'ana', 'acked', OLD),
      // Withdrawn, and ana never confirmed deleting her copy: kept, however old.
      env.LEADS.prepare(
        "INSERT INTO withdrawn (inquiry_id, withdrawn_at, via) VALUES ('waiting', ?1, 'receipt'), ('settled', ?1, 'receipt')",
      ).bind(OLD),
      read('waiting', 'ana', 'pulled', OLD),
      read('settled', 'ana', 'pulled', OLD),
      read('settled', 'ana', 'deletion-acked', OLD),
      // Recent: kept until it is old.
      read('recent', 'ben', 'pulled', NOW - DAY),
      env.LEADS.prepare(
        `INSERT INTO rights_requests (id, inquiry_id, kind, via, at) VALUES
         ('r-waiting', 'waiting', 'deletion', 'receipt', ?1),
         ('r-settled', 'settled', 'deletion', 'receipt', ?1),
         ('r-recent', 'recent', 'access', 'receipt', ?2)`,
      ).bind(OLD, NOW - DAY),
    ])
    expect(await purgeFamilyLogs({ LEADS: env.LEADS, LEAD_RETENTION_DAYS: '90' }, NOW)).toEqual({
      readLog: 4,
      rightsRequests: 1,
    })
    expect(await leadsInLog()).toEqual(['live', 'recent', 'waiting'])
    const { results } = await env.LEADS.prepare('SELECT id FROM rights_requests ORDER BY 1').run()
    expect(results).toEqual([{ id: 'r-recent' }, { id: 'r-waiting' }])
    // Tombstones stay: a late repeat of the key must not store the request again.
    const tombstones = await env.LEADS.prepare('SELECT count(*) AS n FROM withdrawn').first()
    expect(tombstones).toEqual({ n: 2 })
  })

  it('purges nothing when LEAD_RETENTION_DAYS is not a whole number of days', async () => {
    await env.LEADS.batch([read('purged', 'ana', 'pulled', OLD)])
    expect(await purgeFamilyLogs({ LEADS: env.LEADS, LEAD_RETENTION_DAYS: 'soon' }, NOW)).toBe(
      undefined,
    )
    expect(await leadsInLog()).toEqual(['purged'])
  })
})
