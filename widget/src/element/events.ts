/**
 * Events partners may listen to, on the element (they bubble and cross the
 * shadow boundary). Details carry ids and codes only, never what a family typed.
 */
interface WidgetEvents {
  ready: { partner: string; lang: string; clinics: number }
  compare: { clinicIds: string[] }
  'form-open': { clinicIds: string[] }
  submitted: { requestId: string; clinicIds: string[] }
  error: { code: string; status?: number }
}

export type Emit = <K extends keyof WidgetEvents>(name: K, detail: WidgetEvents[K]) => void

export function emitter(host: HTMLElement): Emit {
  return (name, detail) =>
    host.dispatchEvent(
      new CustomEvent(`clinic-compare:${name}`, { detail, bubbles: true, composed: true }),
    )
}
