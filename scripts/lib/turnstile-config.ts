import { unstable_readConfig } from 'wrangler'
import {
  isTurnstileTestKey,
  TURNSTILE_SCRIPT_URL,
  TURNSTILE_VERIFY_URL,
} from '../../shared/turnstile.ts'
import { PLACEHOLDER_ID, WRANGLER_TOML } from './environments.ts'

interface TurnstileDeclarations {
  vars: Record<string, unknown>
  secrets?: { required?: string[] }
}

/**
 * Why an environment may not be deployed as wrangler.toml declares its
 * Turnstile: no site key of its own (the placeholder, or one of Cloudflare's
 * test keys, which pass anyone), URLs other than Cloudflare's, or a secret
 * the deploy does not require. Empty when it may.
 */
export function turnstileProblems(env: string, configPath = WRANGLER_TOML): string[] {
  const config = unstable_readConfig({ config: configPath, env }) as TurnstileDeclarations
  const siteKey = config.vars.TURNSTILE_SITE_KEY
  const problems: string[] = []
  if (typeof siteKey !== 'string' || siteKey === '' || siteKey === PLACEHOLDER_ID) {
    problems.push(
      `[env.${env}.vars] has no TURNSTILE_SITE_KEY: create a Turnstile widget for the Worker's hostname and set its site key there`,
    )
  } else if (isTurnstileTestKey(siteKey)) {
    problems.push(
      `[env.${env}.vars] TURNSTILE_SITE_KEY is one of Cloudflare's test keys, which pass anyone`,
    )
  }
  if (config.vars.TURNSTILE_SCRIPT_URL !== TURNSTILE_SCRIPT_URL) {
    problems.push(`[env.${env}.vars] TURNSTILE_SCRIPT_URL must be ${TURNSTILE_SCRIPT_URL}`)
  }
  if (config.vars.TURNSTILE_VERIFY_URL !== TURNSTILE_VERIFY_URL) {
    problems.push(`[env.${env}.vars] TURNSTILE_VERIFY_URL must be ${TURNSTILE_VERIFY_URL}`)
  }
  if (!config.secrets?.required?.includes('TURNSTILE_SECRET_KEY')) {
    problems.push(`[env.${env}.secrets] must require TURNSTILE_SECRET_KEY`)
  }
  return problems
}
