import { lazyChunk } from './chunks.ts'

/**
 * The comparison view and the request form's frame: one chunk, fetched when a
 * family ticks a clinic, so first render never pays for it. (The form itself
 * is not in the widget: it runs in `/embed/request`, on the Worker's origin.)
 */
export const loadCompareView = lazyChunk('compare', () => import('./ui/compare-view.tsx'))
