import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeEach, describe, expect, it } from 'vitest'
import { utcDay } from '../../shared/rules/freshness.ts'
import { RATE_MAX_AGE_DAYS } from '../../shared/rules/rates.ts'
import { clinicWarnings } from '../../shared/rules/warnings.ts'
import { ClinicsResponse, ClinicView, ErrorBody } from '../../shared/schemas/api.ts'
import { forgetCatalog } from '../../worker/catalog/snapshot.ts'
import {
  callRefreshingCatalog,
  publishCatalog,
  ratesDated,
  sampleCatalog,
  seedCatalog,
} from './helpers/catalog.ts'
import { call, json } from './helpers/http.ts'
import { asCoordinator } from './helpers/leads.ts'

async function listClinics(query = '') {
  const response = await call(`/v1/clinics${query}`)
  expect(response.status).toBe(200)
  return v.parse(ClinicsResponse, await response.json())
}

describe('GET /v1/clinics', () => {
  beforeEach(() => seedCatalog())

  it('lists every sample clinic with its packages', async () => {
    const { clinics, updatedAt } = await listClinics()
    const sample = sampleCatalog()
    expect(clinics.map((c) => c.id).sort()).toEqual(sample.clinics.map((c) => c.id).sort())
    for (const clinic of clinics) {
      const expected = sample.packages.filter((p) => p.clinicId === clinic.id).map((p) => p.id)
      expect(clinic.packages.map((p) => p.id)).toEqual(expected)
    }
    expect(Date.parse(updatedAt)).not.toBeNaN()
  })

  it('serves every verified fact with its provenance, and the operators it names', async () => {
    const { clinics } = await listClinics()
    const sample = sampleCatalog()
    const aurora = clinics.find((c) => c.id === 'aurora-tijuana')
    const source = sample.clinics.find((c) => c.id === 'aurora-tijuana')
    expect(aurora?.licences.regenerativeMedicine?.provenance).toEqual(
      source?.licences.regenerativeMedicine?.provenance,
    )
    expect(aurora?.rating?.provenance.method).toBe('public-source')
    for (const clinic of clinics) {
      expect(clinic.facility.provenance.evidenceSha256).toMatch(/^[0-9a-f]{64}$/)
      expect(clinic.certificateOfAnalysis.provenance.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const pkg of clinic.packages) expect(pkg.provenance.checkedBy).toMatch(/^op-/)
      const named = new Set(
        [
          clinic.facility,
          clinic.licences.stemCellBank,
          clinic.licences.regenerativeMedicine,
          clinic.certificateOfAnalysis,
          clinic.rating,
          ...clinic.packages,
        ].flatMap((fact) => fact?.provenance.checkedBy ?? []),
      )
      expect(clinic.operators.map((o) => o.id).sort()).toEqual([...named].sort())
      for (const operator of clinic.operators) {
        expect(sample.operators).toContainEqual(operator)
      }
    }
  })

  it('filters by route', async () => {
    const all = await listClinics()
    const { clinics } = await listClinics('?route=intrathecal')
    expect(clinics.length).toBeGreaterThan(0)
    expect(clinics.length).toBeLessThan(all.clinics.length)
    expect(clinics.every((c) => c.routes.includes('intrathecal'))).toBe(true)
  })

  it('filters by city ignoring case and accents', async () => {
    const { clinics } = await listClinics('?city=cancun')
    expect(clinics.map((c) => c.city)).toEqual(['Cancún', 'Cancún'])
  })

  it('compares a budget with prices in another currency at a fresh rate, and says so', async () => {
    await seedCatalog(ratesDated(sampleCatalog(), utcDay(Date.now())))
    // Cedro's MX$240,000 is about US$13,408 at 17.9 MXN per USD; Aurora starts at US$14,000.
    const usd = await listClinics('?maxPrice=13500')
    expect(usd.clinics.map((c) => c.id)).toContain('cedro-cancun')
    expect(usd.clinics.map((c) => c.id)).not.toContain('aurora-tijuana')
    expect(usd.budget).toEqual({
      maxPrice: 13500,
      currency: 'USD',
      convertedWith: ['usd-mxn'],
      notCompared: [],
    })
    const ten = await listClinics('?maxPrice=10000')
    expect(ten.clinics.map((c) => c.id).sort()).toEqual(['brisa-tijuana', 'delta-guadalajara'])
    // The other way round: Brisa's US$7,500 is MX$134,250.
    const mxn = await listClinics('?maxPrice=140000&currency=MXN')
    expect(mxn.clinics.map((c) => c.id)).toEqual(['brisa-tijuana'])
    expect(mxn.budget?.convertedWith).toEqual(['usd-mxn'])
    expect(mxn.exchangeRates.map((r) => [r.id, r.stale])).toEqual([['usd-mxn', false]])
  })

  it('never converts at a stale rate: those prices are left out of a budget and named', async () => {
    const old = utcDay(Date.now() - (RATE_MAX_AGE_DAYS + 1) * 86_400_000)
    await seedCatalog(ratesDated(sampleCatalog(), old))
    const usd = await listClinics('?maxPrice=10000')
    expect(usd.clinics.map((c) => c.id)).toEqual(['brisa-tijuana'])
    expect(usd.budget).toEqual({
      maxPrice: 10000,
      currency: 'USD',
      convertedWith: [],
      notCompared: ['MXN'],
    })
    expect(usd.exchangeRates.map((r) => [r.id, r.stale])).toEqual([['usd-mxn', true]])
    const mxn = await listClinics('?maxPrice=200000&currency=MXN')
    expect(mxn.clinics.map((c) => c.id).sort()).toEqual(['delta-guadalajara', 'faro-cancun'])
    expect(mxn.budget?.notCompared).toEqual(['USD'])
  })

  it.each([
    ['?route=oral', 'route'],
    ['?maxPrice=cheap', 'maxPrice'],
    ['?maxPrice=-5', 'maxPrice'],
    ['?currency=dollars&maxPrice=5', 'currency'],
    ['?colour=blue', 'colour'],
    [`?city=${'x'.repeat(81)}`, 'city'],
  ])('answers %s with a 400 naming the filter', async (query, path) => {
    const response = await call(`/v1/clinics${query}`)
    expect(response.status).toBe(400)
    const body = v.parse(ErrorBody, await response.json())
    expect(body.error).toBe('invalid_filter')
    expect(body.issues?.map((i) => i.path)).toContain(path)
  })

  it('answers 304 to a matching If-None-Match and 200 once the catalog changes', async () => {
    const first = await call('/v1/clinics?route=iv')
    const etag = first.headers.get('ETag') ?? ''
    expect(etag).toMatch(/^".+"$/)
    expect(first.headers.get('Cache-Control')).toContain('stale-while-revalidate')
    const again = await call('/v1/clinics?route=iv', { headers: { 'If-None-Match': `W/${etag}` } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const otherFilter = await call('/v1/clinics?route=intrathecal', {
      headers: { 'If-None-Match': etag },
    })
    expect(otherFilter.status).toBe(200)

    const catalog = sampleCatalog()
    const [firstClinic] = catalog.clinics
    if (firstClinic) firstClinic.city = 'Mexicali'
    await seedCatalog(catalog)
    const changed = await call('/v1/clinics?route=iv', { headers: { 'If-None-Match': etag } })
    expect(changed.status).toBe(200)
  })

  it('serves the whole list to every request and a new one after the catalog refresh', async () => {
    const list = async () => {
      const response = await callRefreshingCatalog('/v1/clinics')
      return { etag: response.headers.get('ETag'), body: await response.text() }
    }
    const first = await list()
    // The list is serialised once per snapshot: each response gets all of it.
    expect(await list()).toEqual(first)
    expect(v.parse(ClinicsResponse, JSON.parse(first.body)).clinics).toHaveLength(6)

    const catalog = sampleCatalog()
    catalog.clinics = catalog.clinics.filter((c) => c.id !== 'aurora-tijuana')
    catalog.packages = catalog.packages.filter((p) => p.clinicId !== 'aurora-tijuana')
    await publishCatalog(catalog)
    await list()
    const refreshed = await list()
    expect(refreshed.etag).not.toBe(first.etag)
    const ids = v.parse(ClinicsResponse, JSON.parse(refreshed.body)).clinics.map((c) => c.id)
    expect(ids).toHaveLength(5)
    expect(ids).not.toContain('aurora-tijuana')
  })

  it('allows any origin to read the catalog', async () => {
    const response = await call('/v1/clinics', { headers: { Origin: 'https://blog.example' } })
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('leaves out an invalid record, keeps the others and counts it in the coordinators’ health view', async () => {
    await env.CATALOG.put(
      'clinic:aurora-tijuana',
      JSON.stringify({ id: 'aurora-tijuana', name: 42 }),
    )
    await env.CATALOG.put('package:brisa-basic', '{not json')
    forgetCatalog(env.CATALOG)
    const { clinics } = await listClinics()
    expect(clinics.map((c) => c.id)).not.toContain('aurora-tijuana')
    expect(clinics).toHaveLength(5)
    const brisa = clinics.find((c) => c.id === 'brisa-tijuana')
    expect(brisa?.packages.map((p) => p.id)).toEqual(['brisa-plus'])
    const health = await json<{ catalog: { invalidRecords: number } }>(
      await call('/v1/health', asCoordinator),
    )
    expect(health.catalog.invalidRecords).toBe(2)
  })

  it('carries the warning signs of each clinic, computed by the shared rule', async () => {
    const catalog = sampleCatalog()
    const [first] = catalog.clinics
    if (!first?.licences.regenerativeMedicine) throw new Error('sample changed')
    // A date far in the past and a facility rename: signs that hold whatever today is.
    first.licences.regenerativeMedicine.provenance.checkedAt = '2001-01-01'
    first.facility.name = 'Otra Razón Social S.A.'
    first.certificateOfAnalysis.minViabilityPercent = 95
    await seedCatalog(catalog)
    const { clinics } = await listClinics()
    const changed = clinics.find((c) => c.id === first.id)
    expect(changed?.warnings).toEqual(['holder', 'stale'])
    expect(clinics.find((c) => c.id === 'brisa-tijuana')?.warnings).toContain('bankOnly')
    // The sample's aviso de funcionamiento counts as no Regenerative Medicine Licence.
    const delta = clinics.find((c) => c.id === 'delta-guadalajara')
    expect(delta?.licences.regenerativeMedicine?.kind).toBe('aviso-de-funcionamiento')
    expect(delta?.warnings).toEqual(expect.arrayContaining(['bankOnly', 'aviso']))
    for (const clinic of clinics) {
      expect(clinic.warnings).toEqual(clinicWarnings(clinic, Date.now()))
    }
  })

  it('serves an empty list before anything is published', async () => {
    await env.CATALOG.delete('manifest')
    forgetCatalog(env.CATALOG)
    const { clinics } = await listClinics()
    expect(clinics).toEqual([])
  })
})

describe('GET /v1/clinics/:id', () => {
  beforeEach(() => seedCatalog())

  it('answers one clinic with its packages', async () => {
    const response = await call('/v1/clinics/cedro-cancun')
    expect(response.status).toBe(200)
    const clinic = v.parse(ClinicView, await response.json())
    expect(clinic.id).toBe('cedro-cancun')
    expect(clinic.packages.every((p) => p.currency === 'MXN')).toBe(true)
    const listed = (await listClinics()).clinics.find((c) => c.id === 'cedro-cancun')
    expect(clinic.warnings).toEqual(listed?.warnings)
  })

  it.each(['no-such-clinic', 'Not%20An%20Id', '..%2Fmanifest'])(
    'answers 404 in the error shape for %s',
    async (id) => {
      const response = await call(`/v1/clinics/${id}`)
      expect(response.status).toBe(404)
      expect(v.parse(ErrorBody, await response.json()).error).toBe('clinic_not_found')
    },
  )
})
