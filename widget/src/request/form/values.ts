import * as v from 'valibot'
import type { NoticeVersion } from '../../../../shared/privacy/versions.ts'
import type { ErrorIssue } from '../../../../shared/schemas/api.ts'
import {
  Inquiry,
  type InquiryInput,
  PRE_SCREEN_QUESTIONS,
  type PreScreenQuestion,
} from '../../../../shared/schemas/inquiry.ts'
import type { Lang } from '../../common/strings.ts'
import type { FormStrings } from './strings.ts'

/** What the inputs hold: strings as typed, turned into an Inquiry only on send. */
export interface Values {
  parentName: string
  email: string
  phone: string
  contactChannel: string
  language: string
  country: string
  childAgeYears: string
  message: string
  preScreen: Record<PreScreenQuestion, string>
  consent: boolean
  shareWithClinics: boolean
  website: string
}

export function initialValues(lang: Lang): Values {
  return {
    parentName: '',
    email: '',
    phone: '',
    contactChannel: 'email',
    language: lang,
    country: '',
    childAgeYears: '',
    message: '',
    preScreen: Object.fromEntries(PRE_SCREEN_QUESTIONS.map((q) => [q, ''])) as Values['preScreen'],
    consent: false,
    shareWithClinics: false,
    website: '',
  }
}

const optional = (s: string) => (s.trim() === '' ? undefined : s)

export function toInquiry(
  values: Values,
  partnerId: string,
  clinicIds: string[],
  notice: { version: NoticeVersion; lang: Lang },
): InquiryInput {
  const age = values.childAgeYears.trim()
  return {
    partnerId,
    clinicIds,
    parentName: values.parentName,
    email: values.email,
    phone: optional(values.phone),
    contactChannel: values.contactChannel as InquiryInput['contactChannel'],
    language: values.language as InquiryInput['language'],
    country: values.country,
    // An empty or non-numeric age stays a non-number, so the schema names it.
    childAgeYears: (age === '' ? undefined : Number(age)) as number,
    message: optional(values.message),
    preScreen: values.preScreen as InquiryInput['preScreen'],
    consent: values.consent as true,
    shareWithClinics: values.shareWithClinics,
    consentVersion: notice.version,
    noticeLanguage: notice.lang,
    website: optional(values.website),
  }
}

/** The Worker's own schema, run in the browser: issues as dotted paths, like a 422. */
export function check(input: InquiryInput): ErrorIssue[] {
  // Stopping a field at its first issue also keeps a malformed country code
  // away from Intl.DisplayNames, which throws on it (e.g. "").
  const result = v.safeParse(Inquiry, input, { abortPipeEarly: true })
  if (result.success) return []
  return result.issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.type,
  }))
}

/** One message per field, in the visitor's language; schema messages are English only. */
export function fieldErrors(
  issues: ErrorIssue[],
  t: FormStrings,
  phoneEmpty: boolean,
): Record<string, string> {
  const errors = t.errors as Record<string, string>
  const out: Record<string, string> = {}
  for (const { path } of issues) {
    const field = path.split('.')[0] ?? ''
    if (field === 'phone') out[path] = phoneEmpty ? t.errors.phoneNeeded : t.errors.phone
    else if (field === 'consentVersion') out.consent = t.errors.consent
    else out[path] ??= errors[field] ?? t.errors.other
  }
  return out
}
