import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import privacyDoc from '../../docs/privacy.md?raw'

const TABLES = [
  'leads',
  'idempotency_keys',
  'dead_letters',
  'withdrawn',
  'lead_reads',
  'rights_requests',
] as const

/** The names in backticks of one cell of the "what is stored in clear" table, by table. */
function documented(table: string): { clear: string[]; sealed: string[] } {
  const row = privacyDoc.split('\n').find((line) => line.startsWith(`| \`${table}\``))
  if (!row) throw new Error(`docs/privacy.md has no row for ${table}`)
  const [, , clear = '', sealed = ''] = row.split('|')
  const names = (cell: string) => [...cell.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? '')
  return { clear: names(clear), sealed: names(sealed) }
}

describe('docs/privacy.md, what is stored in clear', () => {
  it.each(TABLES)('names every column of %s, as migrated, as clear or sealed', async (table) => {
    const { results } = await env.LEADS.prepare('SELECT name FROM pragma_table_info(?1)')
      .bind(table)
      .all<{ name: string }>()
    const { clear, sealed } = documented(table)
    expect([...clear, ...sealed].sort()).toEqual(results.map((r) => r.name).sort())
  })

  it('keeps no health flag in clear', () => {
    for (const table of TABLES) expect(documented(table).clear.join(' ')).not.toMatch(/flag/)
  })
})
