import autocannon from 'autocannon'
import { freePort } from '../scripts/lib/free-port.ts'
import { type CpuProfile, connectInspector, summarise } from './cpu-profile.ts'
import { startBenchServer } from './server.ts'
import { ENDPOINTS, requestsFor } from './throughput.ts'

/**
 * `npm run bench:profile [-- ENDPOINT [SECONDS]]`: where the Worker's own
 * isolate spends its time under the bench's load (default: inquiries, 6 s).
 * Time in other isolates (Miniflare's D1, Queue and rate limiter objects)
 * and in workerd's own C++ is not in this profile; `npm run bench` measures
 * the whole.
 */
const endpoint = ENDPOINTS.find((e) => e === (process.argv[2] ?? 'inquiries'))
if (!endpoint) {
  console.error(`usage: npm run bench:profile -- [${ENDPOINTS.join('|')}] [SECONDS]`)
  process.exit(2)
}
const seconds = Number(process.argv[3] ?? 6)
const TOP = 30

const inspectorPort = await freePort()
const server = await startBenchServer(await freePort(), { inspectorPort })
try {
  const load = (duration: number, runId: string) =>
    autocannon({
      url: server.url,
      connections: 10,
      duration,
      requests: requestsFor(endpoint, server, runId),
    })
  await load(2, 'profile-warm')
  const inspector = await connectInspector(inspectorPort, 'clinic-compare')
  await inspector.call('Profiler.enable')
  await inspector.call('Profiler.setSamplingInterval', { interval: 200 })
  await inspector.call('Profiler.start')
  const result = await load(seconds, 'profile')
  const { profile } = (await inspector.call('Profiler.stop')) as { profile: CpuProfile }
  inspector.close()

  const { sampledMs, functions } = summarise(profile)
  const requests = result.requests.total
  const perRequest = (ms: number) => `${((ms / requests) * 1000).toFixed(0).padStart(5)} µs`
  const idle = functions.find((f) => f.name.startsWith('(idle)'))?.selfMs ?? 0
  console.log(
    `${endpoint}: ${requests} requests in ${seconds} s (${(requests / seconds).toFixed(0)}/s, inspector attached); ` +
      `the Worker's isolate was busy ${perRequest(sampledMs - idle)} per request`,
  )
  for (const key of ['selfMs', 'totalMs'] as const) {
    console.log(`\n${key === 'selfMs' ? 'self' : 'total'} time per request, top ${TOP}:`)
    const top = [...functions].sort((a, b) => b[key] - a[key]).slice(0, TOP)
    for (const f of top) console.log(`${perRequest(f[key])}  ${f.name}`)
  }
} finally {
  await server.stop()
}
process.exit(0)
