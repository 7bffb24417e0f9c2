import * as v from 'valibot'
import {
  CHILD_AGE_YEARS_MAX,
  CHILD_AGE_YEARS_MIN,
  INQUIRY_LANGUAGES,
  MAX_CLINICS_PER_INQUIRY,
  MAX_MESSAGE_LENGTH,
} from '../limits.ts'
import { NOTICE_VERSIONS } from '../privacy/versions.ts'
import { Attribution } from './attribution.ts'
import { Id, text, uniqueItems } from './common.ts'

export const PRE_SCREEN_QUESTIONS = [
  'activeInfection',
  'uncontrolledSeizures',
  'kidneyOrLiverProblems',
  'geneticSyndrome',
] as const
export const PRE_SCREEN_ANSWERS = ['yes', 'no', 'not-sure'] as const
export const CONTACT_CHANNELS = ['email', 'phone', 'whatsapp'] as const

export type PreScreenQuestion = (typeof PRE_SCREEN_QUESTIONS)[number]

const Answer = v.picklist(PRE_SCREEN_ANSWERS, 'Answer yes, no or not sure')

let regionNames: Intl.DisplayNames | undefined
/** Intl's answer per code (at most 26 × 26): asking ICU costs more than the rest of the field's checks. */
const knownRegions = new Map<string, boolean>()
function isKnownRegion(code: string): boolean {
  // Valibot runs every check of a pipe, so this also sees codes the regex refused.
  // ZZ is "Unknown Region" to Intl, not a country.
  if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ') return false
  let known = knownRegions.get(code)
  if (known === undefined) {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })
    known = regionNames.of(code) !== undefined
    knownRegions.set(code, known)
  }
  return known
}

/** Channels that need a phone number to be usable. */
const PHONE_CHANNELS: readonly string[] = ['phone', 'whatsapp']

/** The fields of an inquiry, before the rules that span fields (see Inquiry). */
export const InquiryFields = v.strictObject({
  partnerId: Id,
  clinicIds: v.pipe(
    v.array(Id),
    v.minLength(1, 'Choose at least one clinic'),
    v.maxLength(MAX_CLINICS_PER_INQUIRY, `Choose at most ${MAX_CLINICS_PER_INQUIRY} clinics`),
    v.check(uniqueItems, 'A clinic is listed twice'),
  ),
  packageIds: v.optional(
    v.pipe(v.array(Id), v.maxLength(9), v.check(uniqueItems, 'A package is listed twice')),
  ),
  parentName: text(120),
  email: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('Enter your email address'),
    v.maxLength(254),
    v.email('Enter a valid email address'),
  ),
  phone: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'Enter a phone number with its country code'),
    ),
  ),
  contactChannel: v.picklist(CONTACT_CHANNELS, 'Choose email, phone or WhatsApp'),
  language: v.picklist(INQUIRY_LANGUAGES, 'Choose English or Spanish'),
  country: v.pipe(
    v.string(),
    v.regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as MX or US'),
    v.check(isKnownRegion, 'Unknown country code'),
  ),
  childAgeYears: v.pipe(
    v.number('Enter the child’s age in years'),
    v.integer('Enter whole years'),
    v.minValue(CHILD_AGE_YEARS_MIN, 'Enter the child’s age in years'),
    v.maxValue(CHILD_AGE_YEARS_MAX, 'Enter the child’s age in years'),
  ),
  message: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH} characters`),
    ),
  ),
  preScreen: v.strictObject({
    activeInfection: Answer,
    uncontrolledSeizures: Answer,
    kidneyOrLiverProblems: Answer,
    geneticSyndrome: Answer,
  }),
  /** Consent to keep and use the answers for this request: required. */
  consent: v.literal(true, 'Consent is needed to send your request'),
  /** Consent to share the answers with the clinics named: optional, unticked unless given. */
  shareWithClinics: v.optional(v.boolean('Answer true or false'), false),
  /** The privacy notice shown (shared/privacy/versions.ts); the Worker knows its text and hash. */
  consentVersion: v.picklist(NOTICE_VERSIONS, 'Unknown privacy notice version'),
  /** The language the notice was shown in, when it differs from `language`. */
  noticeLanguage: v.optional(v.picklist(INQUIRY_LANGUAGES, 'Choose English or Spanish')),
  /** The partner page's UTM parameters and path; never personal, kept in clear for reports. */
  attribution: v.optional(Attribution),
  /** A honeypot: hidden from people, so only bots fill it. A filled one is refused. */
  website: v.optional(v.pipe(v.string(), v.maxLength(0, 'Leave this field empty'))),
})

/**
 * A family's request for information. Every string is bounded; the pre-screen
 * answers flag a lead for physician review and never reject it.
 */
export const Inquiry = v.pipe(
  InquiryFields,
  v.forward(
    v.partialCheck(
      [['contactChannel'], ['phone']],
      (input) => !PHONE_CHANNELS.includes(input.contactChannel) || Boolean(input.phone),
      'Enter a phone number to be contacted by phone or WhatsApp',
    ),
    ['phone'],
  ),
)

export type Inquiry = v.InferOutput<typeof Inquiry>
export type InquiryInput = v.InferInput<typeof Inquiry>

export const InquiryAccepted = v.object({
  id: v.string(),
  status: v.literal('queued'),
  /** The family's receipt link (`/my-request#SECRET`): the same for every repeat of one request. */
  receipt: v.string(),
})

export type InquiryAccepted = v.InferOutput<typeof InquiryAccepted>

/** Why a lead needs a physician's attention: every answer that was not "no". */
export const LeadFlag = v.object({
  question: v.picklist(PRE_SCREEN_QUESTIONS),
  answer: v.picklist(['yes', 'not-sure']),
})

export type LeadFlag = v.InferOutput<typeof LeadFlag>

export function preScreenFlags(preScreen: Inquiry['preScreen']): LeadFlag[] {
  const flags: LeadFlag[] = []
  for (const question of PRE_SCREEN_QUESTIONS) {
    const answer = preScreen[question]
    if (answer !== 'no') flags.push({ question, answer })
  }
  return flags
}
