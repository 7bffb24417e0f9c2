// Limits and enums the widget's first render needs too. No valibot here, so
// importing them adds a few bytes to main.js, not the schema library; the
// schemas in shared/schemas/ build on these same values.

export const ROUTES = ['iv', 'intrathecal'] as const
export type RouteId = (typeof ROUTES)[number]

/** The currency a budget is read in when the query names none. */
export const DEFAULT_BUDGET_CURRENCY = 'USD'

export const INQUIRY_LANGUAGES = ['en', 'es'] as const
export const MAX_CLINICS_PER_INQUIRY = 3
export const MAX_MESSAGE_LENGTH = 2000
export const CHILD_AGE_YEARS_MIN = 0
export const CHILD_AGE_YEARS_MAX = 25
