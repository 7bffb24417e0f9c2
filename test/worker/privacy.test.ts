import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { seedCatalog } from './helpers/catalog.ts'
import { json } from './helpers/http.ts'
import { postInquiry, validInquiry, waitForLead } from './helpers/inquiry.ts'

const PERSONAL = {
  parentName: 'Zacarías Distintivo',
  email: 'zacarias.distintivo@example.org',
  phone: '+52 81 5555 0142',
  message: 'Mensaje muy particular 7731',
}

describe('logs during intake', () => {
  let spies: MockInstance[] = []
  beforeEach(async () => {
    await seedCatalog()
    spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => undefined),
    )
  })
  afterEach(() => {
    for (const spy of spies) spy.mockRestore()
  })

  function captured(): string {
    return spies
      .flatMap((spy) => spy.mock.calls)
      .map((args) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
      .join('\n')
  }

  it('never contain the name, email, phone or message a family sent', async () => {
    const accepted = await postInquiry(validInquiry({ ...PERSONAL, contactChannel: 'phone' }), {
      key: 'privacy-1',
    })
    expect(accepted.status).toBe(202)
    const { id } = await json<{ id: string }>(accepted)
    // Refused requests are logged too; they must not echo their input either.
    await postInquiry({ ...validInquiry(PERSONAL), email: `${PERSONAL.email}x@` })
    await postInquiry({ ...validInquiry(PERSONAL), partnerId: 'demo-inactive' })
    await waitForLead(id)

    const logs = captured()
    expect(logs).toContain('inquiry.accepted')
    expect(logs).toContain('inquiry.stored')
    for (const value of [...Object.values(PERSONAL), 'Distintivo', 'zacarias', '5555 0142']) {
      expect(logs).not.toContain(value)
    }
  })
})
