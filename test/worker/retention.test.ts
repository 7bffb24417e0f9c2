import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import worker from '../../worker/index.ts'
import { purgeExpired } from '../../worker/scheduled/retention.ts'
import { clearLeadStore, seedLead } from './helpers/leads.ts'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2026-11-20T03:17:00Z')

beforeEach(clearLeadStore)

async function ids(table: string, column = 'id'): Promise<string[]> {
  const { results } = await env.LEADS.prepare(
    `SELECT ${column} AS id FROM ${table} ORDER BY 1`,
  ).run<{ id: string }>()
  return results.map((row) => row.id)
}

async function seedState() {
  await seedLead('acked-old', { receivedAt: NOW - 200 * DAY })
  await seedLead('acked-recent', { receivedAt: NOW - 200 * DAY })
  await seedLead('unacked-old', { receivedAt: NOW - 400 * DAY })
  await env.LEADS.batch([
    env.LEADS.prepare("UPDATE leads SET acked_at = ?1 WHERE id = 'acked-old'").bind(NOW - 91 * DAY),
    env.LEADS.prepare("UPDATE leads SET acked_at = ?1 WHERE id = 'acked-recent'").bind(
      NOW - 89 * DAY,
    ),
    env.LEADS.prepare(
      `INSERT INTO idempotency_keys (inquiry_id, body_mac, key_version, created_at) VALUES
       ('key-old', 'm', 'v1', ?1), ('key-recent', 'm', 'v1', ?2)`,
    ).bind(NOW - 91 * DAY, NOW - DAY),
    env.LEADS.prepare(
      `INSERT INTO dead_letters (id, inquiry_id, reason, attempts, dead_at, body, replayed_at) VALUES
       ('dl-replayed', 'i1', 'retries-exhausted', 5, ?1, '{}', ?1),
       ('dl-old', 'i2', 'retries-exhausted', 5, ?2, '{}', NULL),
       ('dl-pending', 'i3', 'retries-exhausted', 5, ?1, '{}', NULL)`,
    ).bind(NOW - DAY, NOW - 91 * DAY),
  ])
}

describe('the scheduled retention purge', () => {
  it('runs from the cron trigger, deletes only what is past LEAD_RETENTION_DAYS (90), and never a dead letter not replayed', async () => {
    await seedState()
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: NOW, cron: '17 3 * * *' }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)

    expect(await ids('leads')).toEqual(['acked-recent', 'unacked-old'])
    expect(await ids('idempotency_keys', 'inquiry_id')).toEqual(['key-recent'])
    expect(await ids('dead_letters')).toEqual(['dl-old', 'dl-pending'])
  })

  it('follows a shorter LEAD_RETENTION_DAYS and reports counts', async () => {
    await seedState()
    const counts = await purgeExpired({ LEADS: env.LEADS, LEAD_RETENTION_DAYS: '30' }, NOW)
    expect(counts).toEqual({ leads: 2, idempotencyKeys: 1, deadLetters: 1 })
    expect(await ids('leads')).toEqual(['unacked-old'])
  })

  it('is idempotent: a second run deletes nothing more', async () => {
    await seedState()
    await purgeExpired(env, NOW)
    expect(await purgeExpired(env, NOW)).toEqual({ leads: 0, idempotencyKeys: 0, deadLetters: 0 })
  })

  it.each(['', 'ninety', '0', '-5', '1.5'])(
    'purges nothing when LEAD_RETENTION_DAYS is %j',
    async (value) => {
      await seedState()
      expect(
        await purgeExpired({ LEADS: env.LEADS, LEAD_RETENTION_DAYS: value }, NOW),
      ).toBeUndefined()
      expect(await ids('leads')).toHaveLength(3)
    },
  )

  it('deletes more acknowledged leads than one chunk', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      env.LEADS.prepare(
        `INSERT INTO leads (id, partner_id, received_at, stored_at, key_version, iv, ciphertext, acked_at)
         VALUES (?1, 'demo', 0, 0, 'v1', 'x', 'x', ?2)`,
      ).bind(`bulk-${i}`, NOW - 100 * DAY),
    )
    await env.LEADS.batch(rows)
    expect((await purgeExpired(env, NOW))?.leads).toBe(2500)
    expect(await ids('leads')).toEqual([])
  })
})
