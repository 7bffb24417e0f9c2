import type { PublicPartner } from '../../../shared/schemas/partner.ts'

/**
 * What the widget knows about the partner named on the element: still
 * asking, an active partner, one the Worker does not know as active (404),
 * or no answer at all (offline, a 5xx). Only `inactive` means requests
 * cannot be sent from this page; `failed` is worth a retry.
 */
export type PartnerState =
  | { status: 'loading' }
  | { status: 'ok'; partner: PublicPartner }
  | { status: 'inactive' }
  | { status: 'failed' }

/** The neutral context shows unless an active partner turned it off. */
export const showsNeutralContext = (state: PartnerState): boolean =>
  state.status !== 'ok' || state.partner.showNeutralContext !== false
