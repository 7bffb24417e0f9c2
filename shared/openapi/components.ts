import { ClinicsResponse, ClinicView, ErrorBody } from '../schemas/api.ts'
import { ClinicHistory } from '../schemas/history.ts'
import { Inquiry, InquiryAccepted } from '../schemas/inquiry.ts'
import {
  AckRequest,
  AckResponse,
  DeadLettersResponse,
  PullRequest,
  PullResponse,
  ReplayRequest,
  ReplayResponse,
} from '../schemas/leads-api.ts'
import { PublicPartner } from '../schemas/partner.ts'
import { PartnerReportResponse, ReportResponse } from '../schemas/reports.ts'

/** Schemas of what the API answers, by the name operations refer to. */
export const COMPONENT_SCHEMAS = {
  Clinic: ClinicView,
  ClinicList: ClinicsResponse,
  ClinicHistory,
  PublicPartner,
  Error: ErrorBody,
  InquiryAccepted,
  PullResponse,
  AckResponse,
  DeadLettersResponse,
  ReplayResponse,
  ReportResponse,
  PartnerReportResponse,
}

/** Schemas of what clients send: described as input (before defaults and transforms). */
export const INPUT_SCHEMAS = { Inquiry, PullRequest, AckRequest, ReplayRequest }

export const SECURITY_SCHEMES = {
  coordinatorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'One of the COORDINATOR_TOKENS (comma-separated, so tokens rotate).',
  },
  partnerReportToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A token the operator gave one partner; its SHA-256 is in the partner record (reportTokenSha256).',
  },
}
