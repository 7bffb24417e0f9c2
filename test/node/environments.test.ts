import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { EXIT } from '../../scripts/lib/cli.ts'
import {
  ENVIRONMENTS,
  envResources,
  PLACEHOLDER_ID,
  setEnvTableField,
  WRANGLER_TOML,
} from '../../scripts/lib/environments.ts'
import { runScript } from '../../scripts/lib/run-script.ts'
import { turnstileProblems } from '../../scripts/lib/turnstile-config.ts'
import { RATE_LIMIT_PERIOD_SECONDS } from '../../shared/rate-limits.ts'
import { TURNSTILE_TEST_SITE_KEYS } from '../../shared/turnstile.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-env-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

type Consumer = { queue: string; dead_letter_queue?: string } & Record<string, unknown>

function consumers(env?: string): Consumer[] {
  const config = unstable_readConfig({ config: WRANGLER_TOML, env }) as {
    queues: { consumers?: Consumer[] }
  }
  return config.queues.consumers ?? []
}

type Limiter = { name: string; namespace_id: string; simple: { limit: number; period: number } }

function limiters(env?: string): Limiter[] {
  const config = unstable_readConfig({ config: WRANGLER_TOML, env }) as { ratelimits?: Limiter[] }
  return config.ratelimits ?? []
}

function limiterNamespace(env?: string): string | undefined {
  return limiters(env).find((r) => r.name === 'INQUIRY_LIMITER')?.namespace_id
}

describe('wrangler.toml environments', () => {
  it.each(ENVIRONMENTS)('gives %s its own KV, D1, queues and limiter', (env) => {
    const resources = envResources(env)
    expect(resources.d1Name).toBe(`clinic-compare-leads-${env}`)
    expect(resources.queues.sort()).toEqual([
      `clinic-compare-inquiries-dlq-${env}`,
      `clinic-compare-inquiries-${env}`,
    ])
    const limiters = [undefined, ...ENVIRONMENTS].map((e) => limiterNamespace(e))
    expect(new Set(limiters).size).toBe(limiters.length)
  })

  it.each([undefined, ...ENVIRONMENTS])(
    'counts every rate limit in %s over the period Retry-After tells a refused client',
    (env) => {
      const periods = limiters(env).map((r) => [r.name, r.simple.period])
      expect(periods.map(([name]) => name).sort()).toEqual([
        'INQUIRY_LIMITER',
        'PARTNER_INQUIRY_LIMITER',
        'RECEIPT_LIMITER',
      ])
      for (const [name, period] of periods) {
        expect(period, String(name)).toBe(RATE_LIMIT_PERIOD_SECONDS)
      }
    },
  )

  it.each([undefined, ...ENVIRONMENTS])(
    'names in %s the exact queues its consumers read, for the Worker to dispatch by',
    (env) => {
      const vars = (
        unstable_readConfig({ config: WRANGLER_TOML, env }) as { vars: Record<string, unknown> }
      ).vars
      const main = consumers(env).find((c) => c.dead_letter_queue !== undefined)
      expect(main).toBeDefined()
      expect(vars.INQUIRIES_QUEUE).toBe(main?.queue)
      expect(vars.DEAD_LETTER_QUEUE).toBe(main?.dead_letter_queue)
      expect(
        consumers(env)
          .map((c) => c.queue)
          .sort(),
      ).toEqual([vars.INQUIRIES_QUEUE, vars.DEAD_LETTER_QUEUE].sort())
    },
  )

  it.each(ENVIRONMENTS)('keeps every consumer setting of the top level in %s', (env) => {
    const strip = (c: Consumer, suffix: string) => ({
      ...c,
      queue: c.queue.replace(suffix, ''),
      dead_letter_queue: c.dead_letter_queue?.replace(suffix, ''),
    })
    expect(consumers(env).map((c) => strip(c, `-${env}`))).toEqual(
      consumers().map((c) => strip(c, '')),
    )
  })

  it.each([undefined, ...ENVIRONMENTS])(
    'keeps Workers invocation logs and traces off in %s, so no log holds an IP next to a request id',
    (env) => {
      const config = unstable_readConfig({ config: WRANGLER_TOML, env }) as {
        observability?: {
          enabled?: boolean
          logs?: { enabled?: boolean; invocation_logs?: boolean }
          traces?: { enabled?: boolean }
        }
      }
      expect(config.observability?.enabled).toBe(true)
      expect(config.observability?.logs?.enabled).toBe(true)
      expect(config.observability?.logs?.invocation_logs).toBe(false)
      expect(config.observability?.traces?.enabled).toBe(false)
    },
  )

  it('writes provisioned ids into one environment only, the same way twice', async () => {
    const original = await readFile(WRANGLER_TOML, 'utf8')
    const once = setEnvTableField(
      setEnvTableField(original, 'production', 'kv_namespaces', 'id', 'a'.repeat(32)),
      'production',
      'd1_databases',
      'database_id',
      '1b2c3d4e-0000-4000-8000-000000000001',
    )
    const twice = setEnvTableField(once, 'production', 'kv_namespaces', 'id', 'a'.repeat(32))
    expect(twice).toBe(once)
    expect(once.split('\n').filter((l) => !original.includes(l))).toHaveLength(2)
    const file = join(dir, 'wrangler.toml')
    await writeFile(file, once)
    expect(envResources('production', file)).toMatchObject({
      kvId: 'a'.repeat(32),
      d1Id: '1b2c3d4e-0000-4000-8000-000000000001',
    })
    expect(envResources('staging', file)).toMatchObject({
      kvId: PLACEHOLDER_ID,
      d1Id: PLACEHOLDER_ID,
    })
  })
})

describe('npm run deploy', () => {
  it('bundles production with its own bindings in a dry run, offline, and says the deploy would be refused without its own Turnstile widget', async () => {
    const outdir = join(dir, 'dry-production')
    const result = await runScript('deploy.ts', [
      '--env',
      'production',
      '--dry-run',
      '--outdir',
      outdir,
    ])
    // wrangler.toml carries the placeholder until the operator sets the site key.
    expect(result.code, result.stdout + result.stderr).toBe(EXIT.error)
    expect(result.stderr).toContain('production may not be deployed without Turnstile')
    expect(result.stderr).toContain('[env.production.vars] has no TURNSTILE_SITE_KEY')
    expect(result.stdout).toContain('clinic-compare-inquiries-production')
    expect(result.stdout).toContain('clinic-compare-leads-production')
    expect(result.stdout).toContain('INQUIRY_LIMITER')
    expect(result.stdout).not.toContain('clinic-compare-inquiries-staging')
    const bundle = await readFile(join(outdir, 'index.js'), 'utf8')
    expect(bundle).toContain('catalog.invalid_record')
    expect(result.stdout).toMatch(/Worker bundle in .*: \d+ bytes, \d+ gzip/)
  }, 120_000)

  it('refuses to deploy an environment that was not provisioned, before building', async () => {
    const result = await runScript('deploy.ts', ['--env', 'staging'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('npm run provision -- --env staging')
    expect(result.stdout).not.toContain('Built the widget')
  })

  it('refuses a real deploy without the environment’s own Turnstile site key', async () => {
    const toml = (await readFile(WRANGLER_TOML, 'utf8')).replaceAll(
      'id = "provision-me"',
      'id = "0123456789abcdef0123456789abcdef"',
    )
    const provisioned = join(dir, 'provisioned.toml')
    await writeFile(provisioned, toml)
    expect(envResources('staging', provisioned).kvId).not.toBe(PLACEHOLDER_ID)
    expect(turnstileProblems('staging', provisioned)).toEqual([
      "[env.staging.vars] has no TURNSTILE_SITE_KEY: create a Turnstile widget for the Worker's hostname and set its site key there",
    ])
    const withTestKey = join(dir, 'test-key.toml')
    await writeFile(
      withTestKey,
      toml.replaceAll(
        'TURNSTILE_SITE_KEY = "provision-me"',
        `TURNSTILE_SITE_KEY = "${TURNSTILE_TEST_SITE_KEYS.alwaysPasses}"`,
      ),
    )
    expect(turnstileProblems('production', withTestKey)).toEqual([
      "[env.production.vars] TURNSTILE_SITE_KEY is one of Cloudflare's test keys, which pass anyone",
    ])
    const withOwnKey = join(dir, 'own-key.toml')
    await writeFile(
      withOwnKey,
      toml.replaceAll(
        'TURNSTILE_SITE_KEY = "provision-me"',
        'TURNSTILE_SITE_KEY = "0x4AAAAAAAExampleKey"',
      ),
    )
    for (const env of ENVIRONMENTS) expect(turnstileProblems(env, withOwnKey)).toEqual([])
  })

  it('refuses an environment wrangler.toml does not have', async () => {
    const result = await runScript('deploy.ts', ['--env', 'prod', '--dry-run'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--env staging | production')
  })
})
