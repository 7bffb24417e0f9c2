/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula
 * (=, +, -, @, tab or CR first) gets a leading apostrophe, so a campaign
 * name such as "+1 offer" stays text.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',')
}
