import * as v from 'valibot'
import { Id, text } from './common.ts'

/** An origin as browsers send it: scheme, host and optional port, no path. */
export const Origin = v.pipe(
  v.string(),
  v.regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'Use an origin such as https://blog.example'),
)

export const Partner = v.object({
  id: Id,
  name: text(120),
  active: v.boolean(),
  allowedOrigins: v.pipe(v.array(Origin), v.maxLength(50)),
  /** The partner may hide the neutral context, never reword it. */
  showNeutralContext: v.boolean(),
})

/** What the widget may know about a partner: no origins, nothing internal. */
export const PublicPartner = v.pick(Partner, ['id', 'name', 'showNeutralContext'])

export type Partner = v.InferOutput<typeof Partner>
export type PublicPartner = v.InferOutput<typeof PublicPartner>
