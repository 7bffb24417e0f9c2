import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeEach, describe, expect, it } from 'vitest'
import { diffCatalogs } from '../../scripts/lib/catalog-diff.ts'
import { changeRows, changeSetStatements } from '../../scripts/lib/history-sql.ts'
import { ErrorBody } from '../../shared/schemas/api.ts'
import type { CatalogFile } from '../../shared/schemas/catalog.ts'
import { ClinicHistory } from '../../shared/schemas/history.ts'
import { app } from '../../worker/app.ts'
import { sampleCatalog, seedCatalog } from './helpers/catalog.ts'
import { call } from './helpers/http.ts'

let counter = 0

/** Appends a change set as `catalog:publish` does: the rows of the diff from `live` to `next`. */
async function recordPublish(live: CatalogFile, next: CatalogFile, publishedAt: string) {
  const set = {
    id: `set-${++counter}`,
    publishedAt,
    operator: 'op-marta',
    reason: 'Licence re-checked against the original',
    target: 'local',
  }
  const statements = changeSetStatements(set, changeRows(diffCatalogs(live, next), live, next))
  await env.LEADS.batch(statements.map((sql) => env.LEADS.prepare(sql)))
}

async function history(id: string) {
  const response = await call(`/v1/clinics/${id}/history`)
  expect(response.status).toBe(200)
  return v.parse(ClinicHistory, await response.json())
}

describe('GET /v1/clinics/:id/history', () => {
  beforeEach(() => seedCatalog())

  it("gives a clinic's published changes field by field, newest first, and no one else's", async () => {
    const live = sampleCatalog()
    const next = sampleCatalog()
    const [aurora, brisa] = next.clinics
    const pkg = next.packages.find((p) => p.id === 'aurora-iv')
    const licence = aurora?.licences.regenerativeMedicine
    if (!aurora || !brisa || !pkg || !licence) throw new Error('the sample changed')
    licence.provenance.checkedAt = '2026-12-05'
    pkg.priceMax = 18_500
    brisa.name = 'Brisa Renamed (sample)'
    next.packages.push({ ...pkg, id: 'aurora-new', name: 'New protocol (sample)' })
    await recordPublish(live, next, '2026-12-06T10:00:00.000Z')
    const later = structuredClone(next)
    const again = later.clinics[0]
    if (!again) throw new Error('the sample changed')
    again.city = 'Tijuana Centro'
    await recordPublish(next, later, '2026-12-07T09:00:00.000Z')

    const { clinicId, changeSets } = await history('aurora-tijuana')
    expect(clinicId).toBe('aurora-tijuana')
    expect(changeSets.map((s) => s.publishedAt)).toEqual([
      '2026-12-07T09:00:00.000Z',
      '2026-12-06T10:00:00.000Z',
    ])
    expect(changeSets[0]?.changes).toEqual([
      {
        record: 'clinic',
        id: 'aurora-tijuana',
        kind: 'changed',
        field: 'city',
        before: 'Tijuana',
        after: 'Tijuana Centro',
      },
    ])
    const first = changeSets[1]?.changes ?? []
    expect(first).toContainEqual({
      record: 'clinic',
      id: 'aurora-tijuana',
      kind: 'changed',
      field: 'licences.regenerativeMedicine.provenance.checkedAt',
      before: '2026-10-02',
      after: '2026-12-05',
    })
    expect(first).toContainEqual({
      record: 'package',
      id: 'aurora-iv',
      kind: 'changed',
      field: 'priceMax',
      before: 18_000,
      after: 18_500,
    })
    expect(first).toContainEqual(
      expect.objectContaining({ record: 'package', id: 'aurora-new', kind: 'added' }),
    )
    expect(first.every((c) => c.id !== 'brisa-tijuana')).toBe(true)
    // Who published and why stay with the operators.
    for (const set of changeSets)
      expect(Object.keys(set).sort()).toEqual(['changes', 'publishedAt'])
    expect(JSON.stringify(changeSets)).not.toContain('re-checked')

    const brisaHistory = await history('brisa-tijuana')
    expect(brisaHistory.changeSets).toHaveLength(1)
    expect(brisaHistory.changeSets[0]?.changes).toEqual([
      {
        record: 'clinic',
        id: 'brisa-tijuana',
        kind: 'changed',
        field: 'name',
        before: 'Brisa Regenerative (sample)',
        after: 'Brisa Renamed (sample)',
      },
    ])
  })

  it('is an empty list for a clinic that never changed, and 404 for one not in the catalog', async () => {
    expect((await history('faro-cancun')).changeSets).toEqual([])
    const response = await call('/v1/clinics/no-such-clinic/history')
    expect(response.status).toBe(404)
    expect(v.parse(ErrorBody, await response.json()).error).toBe('clinic_not_found')
  })

  it('refuses to rewrite or delete a change: the history is append-only', async () => {
    const live = sampleCatalog()
    const next = sampleCatalog()
    const [aurora] = next.clinics
    if (!aurora) throw new Error('the sample changed')
    aurora.city = 'Rosarito'
    await recordPublish(live, next, '2026-12-08T00:00:00.000Z')
    for (const sql of [
      'UPDATE catalog_changes SET after = \'"Tijuana"\'',
      'DELETE FROM catalog_changes',
      "UPDATE catalog_change_sets SET reason = 'other'",
      'DELETE FROM catalog_change_sets',
    ]) {
      await expect(env.LEADS.prepare(sql).run()).rejects.toThrow(/append-only/)
    }
  })

  it('answers history_unavailable with Retry-After when D1 does not answer', async () => {
    const broken = {
      ...env,
      LEADS: {
        prepare: () => {
          throw new Error('D1 is gone')
        },
      } as unknown as D1Database,
    }
    const ctx = createExecutionContext()
    const request = new Request('https://worker.test/v1/clinics/aurora-tijuana/history')
    const response = await app.fetch(request, broken, ctx)
    await waitOnExecutionContext(ctx)
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('5')
    expect(v.parse(ErrorBody, await response.json()).error).toBe('history_unavailable')
  })
})
