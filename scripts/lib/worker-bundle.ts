import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { withTempDir } from './temp-dir.ts'
import { wranglerOrThrow } from './wrangler.ts'

/** Workers size limits after compression (developers.cloudflare.com/workers/platform/limits). */
export const WORKER_SIZE_LIMITS_GZIP = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 } as const

/**
 * `wrangler deploy --dry-run`: bundles the Worker with an environment's
 * configuration without reaching Cloudflare, into outdir.
 */
export async function dryRunDeploy(env: string, outdir: string): Promise<string> {
  return wranglerOrThrow(
    ['deploy', '--dry-run', '--env', env, '--outdir', outdir],
    'wrangler deploy --dry-run',
  )
}

export interface BundleSize {
  bytes: number
  gzipBytes: number
}

export async function bundleSize(outdir: string): Promise<BundleSize> {
  const code = await readFile(join(outdir, 'index.js'))
  return { bytes: code.length, gzipBytes: gzipSync(code).length }
}

/** The production Worker's bundle size, from a dry-run deploy in a temporary directory. */
export async function measureWorkerBundle(env = 'production'): Promise<BundleSize> {
  return withTempDir('worker-bundle-', async (outdir) => {
    await dryRunDeploy(env, outdir)
    return bundleSize(outdir)
  })
}
