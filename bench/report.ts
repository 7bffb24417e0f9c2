export interface Check {
  name: string
  value: number
  budget: string
  aim?: string
  pass: boolean
  /** A reference figure, not a budget: printed without a result. */
  reference?: boolean
  /** req/s for throughput rows. */
  reqPerSec?: number
}

const pad = (text: string, width: number) => text.padEnd(width)
const padLeft = (text: string, width: number) => text.padStart(width)

/** A plain table: what was measured, against which budget, and whether it passed. */
export function printTable(checks: Check[]): void {
  const header = ['what', 'req/s', 'value', 'budget', 'aim', 'result']
  const rows = checks.map((c) => [
    c.name,
    c.reqPerSec === undefined ? '' : c.reqPerSec.toFixed(0),
    Number.isInteger(c.value) ? String(c.value) : c.value.toFixed(3),
    c.budget,
    c.aim ?? '',
    c.reference ? '' : c.pass ? 'pass' : 'FAIL',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 1 || i === 2 ? padLeft : pad)(cell, widths[i] ?? 0)).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
}
