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
import { MyRequestView, ReceiptRequest, Withdrawal } from '../schemas/my-request.ts'
import { PublicPartner } from '../schemas/partner.ts'
import { PartnerReportResponse, ReportResponse } from '../schemas/reports.ts'
import { ForgetRequest, ForgetResponse, RightsResponse } from '../schemas/rights.ts'
import { TURNSTILE_ACTION, TURNSTILE_TOKEN_HEADER } from '../turnstile.ts'

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
  MyRequestView,
  Withdrawal,
  ForgetResponse,
  RightsResponse,
}

/** Schemas of what clients send: described as input (before defaults and transforms). */
export const INPUT_SCHEMAS = {
  Inquiry,
  PullRequest,
  AckRequest,
  ReplayRequest,
  ReceiptRequest,
  ForgetRequest,
}

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
  partnerApiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A key the operator gave one partner for its own server; its SHA-256 is in the partner record (apiKeySha256, two while it rotates).',
  },
  turnstileToken: {
    type: 'apiKey',
    in: 'header',
    name: TURNSTILE_TOKEN_HEADER,
    description: `A Cloudflare Turnstile token from this Worker's widget, rendered with action "${TURNSTILE_ACTION}" and cData the partner id; only with an Origin the partner allows (or this Worker's own, the request frame).`,
  },
}
