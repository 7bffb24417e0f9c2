/**
 * Structured log lines. Callers pass only non-personal facts (ids, counts,
 * codes, paths of schema issues), never request bodies or field values.
 */
export type LogFields = Record<string, string | number | boolean | string[] | undefined>

export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}) {
  const line = JSON.stringify({ level, event, ...fields })
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}
