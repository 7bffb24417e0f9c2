// What the lazy chunks (comparison, form) take from main.js rather than
// bundling again: scripts/lib/build-widget.ts points their imports of these
// modules at main.js, and fails the build if a name they use is missing here.
// Preact is not among them: main.js renders the list without it.

export { priceIn, RATE_MAX_AGE_DAYS, rateFor } from '../../../shared/rules/rates.ts'
export {
  DAY_MS,
  describeRate,
  formatApprox,
  formatDate,
  formatPrice,
  parseDate,
} from '../common/format.ts'
export { adoptSheet } from '../common/styles.ts'
export { apiUrl } from './api.ts'
export { SHARE_KEY } from './ui/share-key.ts'
export { UNAVAILABLE } from './unavailable.ts'
