import { buildWidget } from './lib/build-widget.ts'
import { CliError, EXIT, parseOptions, runCli, UsageError } from './lib/cli.ts'
import {
  ENVIRONMENTS,
  envResources,
  PLACEHOLDER_ID,
  requireEnvironment,
} from './lib/environments.ts'
import { turnstileProblems } from './lib/turnstile-config.ts'
import { bundleSize, dryRunDeploy, WORKER_SIZE_LIMITS_GZIP } from './lib/worker-bundle.ts'
import { runWrangler, wranglerOrThrow } from './lib/wrangler.ts'

const usage = `Usage: npm run deploy -- --env ${ENVIRONMENTS.join('|')} [--dry-run [--outdir DIR]]
Applies the D1 migrations, builds the widget and deploys the Worker. --dry-run
builds and bundles with the environment's configuration without reaching Cloudflare.`

async function wrangler(args: string[], what: string): Promise<void> {
  process.stdout.write(await wranglerOrThrow(args, what))
}

await runCli(
  usage,
  async () => {
    const { values, positionals } = parseOptions({
      env: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      outdir: { type: 'string' },
    })
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`)
    const env = requireEnvironment(values.env)
    const resources = envResources(env)
    const unprovisioned = resources.kvId === PLACEHOLDER_ID || resources.d1Id === PLACEHOLDER_ID
    if (values.outdir !== undefined && !values['dry-run']) {
      throw new UsageError('--outdir only applies with --dry-run')
    }

    if (unprovisioned && !values['dry-run']) {
      throw new CliError(`${env} has placeholder ids: run npm run provision -- --env ${env} first.`)
    }
    // No deployed environment takes requests without its own Turnstile widget.
    const turnstile = turnstileProblems(env)
    const refusal = `${env} may not be deployed without Turnstile:\n${turnstile.map((p) => `  - ${p}`).join('\n')}`
    if (turnstile.length > 0 && !values['dry-run']) throw new CliError(refusal)

    await buildWidget()
    console.log('Built the widget.')

    if (values['dry-run']) {
      const outdir = values.outdir ?? `.wrangler/dry-run/${env}`
      console.log(`Dry run of ${env}: D1 migrations are not applied, nothing is uploaded.`)
      process.stdout.write(await dryRunDeploy(env, outdir))
      const size = await bundleSize(outdir)
      console.log(
        `Worker bundle in ${outdir}: ${size.bytes} bytes, ${size.gzipBytes} gzip (limits: ${WORKER_SIZE_LIMITS_GZIP.free} Free, ${WORKER_SIZE_LIMITS_GZIP.paid} Paid).`,
      )
      if (unprovisioned) console.log(`Not provisioned yet: run npm run provision -- --env ${env}.`)
      // The bundle is proven either way; a deploy of this configuration would be refused.
      if (turnstile.length > 0) throw new CliError(refusal)
      return EXIT.ok
    }

    // The secret itself lives only in Cloudflare: ask for its name before deploying.
    const secrets = await runWrangler(['secret', 'list', '--env', env, '--format', 'json'])
    if (secrets.code !== 0 || !secrets.stdout.includes('"TURNSTILE_SECRET_KEY"')) {
      throw new CliError(
        `${env} has no TURNSTILE_SECRET_KEY: run npx wrangler secret put TURNSTILE_SECRET_KEY --env ${env}`,
      )
    }
    // Migrations first: the new Worker may read columns they add; they are additive.
    await wrangler(
      ['d1', 'migrations', 'apply', 'LEADS', '--remote', '--env', env],
      'Applying D1 migrations',
    )
    await wrangler(['deploy', '--env', env], 'Deploying')
    console.log(`Deployed ${env}.`)
    return EXIT.ok
  },
  EXIT.error,
)
