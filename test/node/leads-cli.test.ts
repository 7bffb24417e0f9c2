import { spawn } from 'node:child_process'
import { webcrypto } from 'node:crypto'
import { chmodSync, chownSync, existsSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, freePort, startDevServer } from '../../scripts/lib/dev-server.ts'
import { runProcess } from '../../scripts/lib/process.ts'
import { type RunResult, runScript, runWranglerCli } from '../../scripts/lib/run-script.ts'
import { standinFrameHeaders } from '../../scripts/lib/turnstile-token.ts'
import { ROOT } from '../../scripts/lib/wrangler.ts'
import { inquiryExample } from '../../shared/openapi/examples.ts'
import { Inquiry } from '../../shared/schemas/inquiry.ts'
import { queryLeadsDb } from './helpers/d1.ts'

let server: DevServer
let token: string
let dir: string

beforeAll(async () => {
  server = await startDevServer()
  token = (await server.devVars()).COORDINATOR_TOKENS?.split(',')[0] ?? ''
  dir = await mkdtemp(join(tmpdir(), 'cc-leads-cli-'))
})
afterAll(() => server?.stop())

function leads(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runScript('leads.ts', args, {
    CLINIC_COMPARE_URL: server.url,
    COORDINATOR_TOKEN: token,
    ...env,
  })
}

let sent = 0

/** Sends real inquiries through POST /v1/inquiries, as the widget on the demo page would. */
async function sendInquiries(count: number, tag: string): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${server.url}/v1/inquiries`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...standinFrameHeaders(server.url, 'demo'),
        // The intake limits 20 a minute per client; spread the sample traffic.
        'CF-Connecting-IP': `198.51.100.${Math.floor(sent++ / 15)}`,
        'Idempotency-Key': `${tag}-${i}`,
      },
      body: JSON.stringify(inquiryExample),
    })
    expect(response.status).toBe(202)
    ids.push(((await response.json()) as { id: string }).id)
  }
  return ids
}

async function api(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, unknown>
}

/** Waits until the queue consumer has stored these ids (peeks: leases, then gives them back). */
async function waitStored(ids: string[]): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const seen = new Set<string>()
    const leases: string[] = []
    for (;;) {
      const { leads } = (await api('/v1/leads/pull', { batchSize: 100 })) as {
        leads: { id: string; leaseId: string }[]
      }
      if (leads.length === 0) break
      for (const lead of leads) {
        seen.add(lead.id)
        leases.push(lead.leaseId)
      }
    }
    for (let i = 0; i < leases.length; i += 100) {
      await api('/v1/leads/ack', {
        retries: leases.slice(i, i + 100).map((leaseId) => ({ leaseId })),
      })
    }
    if (ids.every((id) => seen.has(id))) return
    if (Date.now() > deadline)
      throw new Error(
        `only ${seen.size} of ${ids.length} leads stored; the server said:\n${server.output().slice(-3000)}`,
      )
    await new Promise((r) => setTimeout(r, 300))
  }
}

function idsIn(file: string): string[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id)
}

async function ackedIds(): Promise<string[]> {
  const rows = await queryLeadsDb<{ id: string }>(
    server.persistDir,
    'SELECT id FROM leads WHERE acked_at IS NOT NULL',
  )
  return rows.map((row) => row.id)
}

describe('npm run leads -- pull', () => {
  it('writes the README example inquiry to a file, acks it, and never hands it out again', async () => {
    const [id = ''] = await sendInquiries(1, 'readme')
    await waitStored([id])
    const out = join(dir, 'leads.jsonl')
    const run = await leads(['pull', '--ack', '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('1 acknowledged')
    const lines = (await readFile(out, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(1)
    const lead = JSON.parse(lines[0] ?? '{}')
    expect(lead).toMatchObject({ id, attempts: expect.any(Number), inquiry: inquiryExample })
    expect(lead.flags).toEqual([{ question: 'uncontrolledSeizures', answer: 'not-sure' }])

    const later = await leads(['pull'])
    expect(later.code, later.stderr).toBe(0)
    expect(later.stdout).toBe('')
    expect(later.stderr).toContain('No leads waiting.')
  })

  it('prints JSON lines to stdout without --out and leaves them unacked without --ack', async () => {
    const ids = await sendInquiries(3, 'stdout')
    await waitStored(ids)
    const run = await leads(['pull', '--batch', '2', '--visibility', '1000'])
    expect(run.code, run.stderr).toBe(0)
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id)
        .sort(),
    ).toEqual([...ids].sort())
    await new Promise((r) => setTimeout(r, 1100))
    const again = await leads(['pull', '--ack', '--out', join(dir, 'stdout-again.jsonl')])
    expect(idsIn(join(dir, 'stdout-again.jsonl')).sort()).toEqual([...ids].sort())
    expect(again.code).toBe(0)
  })

  it('loses nothing when killed in the middle: unacked leads come back after the timeout', async () => {
    const ids = await sendInquiries(100, 'kill')
    await waitStored(ids)
    const first = join(dir, 'killed.jsonl')
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts', 'leads.ts'),
        'pull',
        '--ack',
        '--out',
        first,
        '--batch',
        '1',
        '--visibility',
        '3000',
      ],
      {
        env: { ...process.env, CLINIC_COMPARE_URL: server.url, COORDINATOR_TOKEN: token },
        stdio: 'ignore',
      },
    )
    const exited = new Promise((r) => child.once('exit', r))
    while (idsIn(first).length < 5) await new Promise((r) => setTimeout(r, 5))
    child.kill('SIGKILL')
    await exited

    const written = new Set(idsIn(first))
    expect(written.size).toBeLessThan(100)
    // The invariant: nothing is acknowledged that is not on disk.
    const acked = (await ackedIds()).filter((id) => ids.includes(id))
    expect(acked.every((id) => written.has(id))).toBe(true)

    await new Promise((r) => setTimeout(r, 3100))
    const second = join(dir, 'resumed.jsonl')
    const run = await leads(['pull', '--ack', '--out', second, '--batch', '50'])
    expect(run.code, run.stderr).toBe(0)
    const all = new Set([...written, ...idsIn(second)])
    expect(ids.every((id) => all.has(id))).toBe(true)
    expect((await ackedIds()).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort())
  })
})

describe('npm run leads failures', () => {
  it('exits 3 with a clear message for a bad token', async () => {
    const run = await leads(['pull'], {
      COORDINATOR_TOKEN: 'not-the-token-but-long-enough-0123456789',
    })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('refused COORDINATOR_TOKEN (401)')
  })

  it('exits 2 without a token', async () => {
    const run = await leads(['pull'], { COORDINATOR_TOKEN: '' })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Set COORDINATOR_TOKEN')
  })

  it('exits 4 when the Worker cannot be reached', async () => {
    const run = await leads(['pull'], {
      CLINIC_COMPARE_URL: `http://127.0.0.1:${await freePort()}`,
    })
    expect(run.code).toBe(4)
    expect(run.stderr).toContain('Cannot reach the Worker')
  }, 30_000)

  it('refuses a token shorter than 32 characters and a URL that is neither https nor loopback', async () => {
    const short = await leads(['pull'], { COORDINATOR_TOKEN: 'short-token' })
    expect(short.code).toBe(2)
    expect(short.stderr).toContain('shorter than 32 characters')
    const clear = await leads(['pull'], { CLINIC_COMPARE_URL: 'http://leads.example.org' })
    expect(clear.code).toBe(2)
    expect(clear.stderr).toContain('must be https://')
  })

  it('does not follow a redirect, so the token never reaches the other host', async () => {
    const seen: (string | undefined)[] = []
    const target = createServer((req, res) => {
      seen.push(req.headers.authorization)
      res.end('{}')
    })
    const redirector = createServer((_req, res) => {
      res.writeHead(307, { Location: `http://127.0.0.1:${port(target)}/v1/leads/pull` }).end()
    })
    await Promise.all([listen(target), listen(redirector)])
    try {
      const run = await leads(['pull'], {
        CLINIC_COMPARE_URL: `http://127.0.0.1:${port(redirector)}`,
      })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('not followed')
      expect(seen).toEqual([])
    } finally {
      target.close()
      redirector.close()
    }
  })
})

function listen(s: Server): Promise<void> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', resolve))
}
function port(s: Server): number {
  const address = s.address()
  return typeof address === 'object' && address ? address.port : 0
}

describe("pull --ack never acknowledges what is not whole on the coordinator's disk", () => {
  it('refuses --ack into a pipe that closes early (| head -c 20) and acks nothing', async () => {
    const ids = await sendInquiries(6, 'pipe')
    await waitStored(ids)
    const run = await runProcess(
      'bash',
      [
        '-c',
        `"${process.execPath}" scripts/leads.ts pull --ack --visibility 1000 | head -c 20 >/dev/null; exit \${PIPESTATUS[0]}`,
      ],
      { cwd: ROOT, env: { CLINIC_COMPARE_URL: server.url, COORDINATOR_TOKEN: token } },
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('pull --ack needs --out FILE')
    expect((await ackedIds()).filter((id) => ids.includes(id))).toEqual([])
    await new Promise((r) => setTimeout(r, 1100))
    const out = join(dir, 'after-pipe.jsonl')
    expect((await leads(['pull', '--ack', '--out', out])).code).toBe(0)
    expect(idsIn(out).sort()).toEqual([...ids].sort())
  })

  it('on a full filesystem (4 KB tmpfs) exits 5 and acks exactly the leads whole in the file', async () => {
    const ids = await sendInquiries(6, 'tmpfs')
    await waitStored(ids)
    const mnt = await mkdtemp(join(tmpdir(), 'cc-full-'))
    const mount = await runProcess('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', mnt], {
      cwd: ROOT,
    })
    expect(mount.code, `mounting a tmpfs needs root: ${mount.stderr}`).toBe(0)
    try {
      const out = join(mnt, 'leads.jsonl')
      const run = await leads([
        'pull',
        '--ack',
        '--out',
        out,
        '--batch',
        '2',
        '--visibility',
        '1000',
      ])
      expect(run.code, run.stderr).toBe(5)
      expect(run.stderr).toContain('the disk is full')
      expect(run.stderr).toContain('NOT acknowledged')
      const text = readFileSync(out, 'utf8')
      expect(text === '' || text.endsWith('\n')).toBe(true)
      const whole = idsIn(out)
      expect(whole.length).toBeLessThan(6)
      const acked = (await ackedIds()).filter((id) => ids.includes(id))
      expect(acked.sort()).toEqual(whole.sort())

      await new Promise((r) => setTimeout(r, 1100))
      const rest = join(dir, 'after-full.jsonl')
      expect((await leads(['pull', '--ack', '--out', rest])).code).toBe(0)
      expect([...whole, ...idsIn(rest)].sort()).toEqual([...ids].sort())
    } finally {
      await runProcess('umount', [mnt], { cwd: ROOT })
    }
  })
})

describe('pull --out writes only files that belong to the coordinator', () => {
  it('creates the output with mode 0600', async () => {
    const out = join(dir, 'private.jsonl')
    const run = await leads(['pull', '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
  })

  it('refuses a symlink, a file others can read, and a file of another user, with exit 6', async () => {
    const ids = await sendInquiries(1, 'refuse')
    await waitStored(ids)
    const target = join(dir, 'target.jsonl')
    await writeFile(target, '', { mode: 0o600 })
    const link = join(dir, 'link.jsonl')
    symlinkSync(target, link)
    const readable = join(dir, 'readable.jsonl')
    await writeFile(readable, '', { mode: 0o644 })
    chmodSync(readable, 0o644)
    const foreign = join(dir, 'foreign.jsonl')
    await writeFile(foreign, '', { mode: 0o600 })
    chownSync(foreign, 65534, 65534)
    for (const [out, why] of [
      [link, 'symbolic link'],
      [readable, 'others can read or write it'],
      [foreign, 'belongs to another user'],
    ] as const) {
      const run = await leads(['pull', '--ack', '--out', out])
      expect(run.code, run.stderr).toBe(6)
      expect(run.stderr).toContain(why)
    }
    for (const file of [target, readable, foreign]) expect(readFileSync(file, 'utf8')).toBe('')
    expect((await ackedIds()).filter((id) => ids.includes(id))).toEqual([])
    const out = join(dir, 'after-refusals.jsonl')
    expect((await leads(['pull', '--ack', '--out', out])).code).toBe(0)
    expect(idsIn(out)).toEqual(ids)
  })

  it('writes --format csv as RFC 4180 with a header, under the same rules, and acks from it', async () => {
    const ids = await sendInquiries(1, 'csv')
    await waitStored(ids)
    const out = join(dir, 'leads.csv')
    const run = await leads(['pull', '--format', 'csv', '--out', out, '--visibility', '60000'])
    expect(run.code, run.stderr).toBe(0)
    const acked = await leads(['ack', '--from', out])
    expect(acked.code, acked.stderr).toBe(0)
    expect(acked.stderr).toContain('Acknowledged 1 of 1')
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const rows = readFileSync(out, 'utf8').split('\r\n')
    expect(rows[0]).toMatch(/^id,receivedAt,leaseId,attempts,sharing,partnerId,clinicIds,/)
    expect(rows[1]?.startsWith(`${ids[0]},`)).toBe(true)
    expect(rows[2]).toBe('')
    expect((await ackedIds()).filter((id) => ids.includes(id))).toEqual(ids)
  })
})

describe('npm run leads -- ack --from FILE', () => {
  it('acks through an answer lost on its way back, and says the lease is acknowledged', async () => {
    const ids = await sendInquiries(1, 'lost-answer')
    await waitStored(ids)
    const out = join(dir, 'lost-answer.jsonl')
    expect((await leads(['pull', '--out', out, '--visibility', '60000'])).code).toBe(0)
    // In front of the real server: the first ack reaches it, and its answer is cut.
    let acksSeen = 0
    const cutter = createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const upstream = await fetch(`${server.url}${req.url}`, {
        method: req.method ?? 'GET',
        headers: {
          authorization: req.headers.authorization ?? '',
          'content-type': 'application/json',
        },
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      })
      const body = await upstream.text()
      if (req.url === '/v1/leads/ack' && acksSeen++ === 0) {
        req.socket.destroy()
        return
      }
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body)
    })
    await listen(cutter)
    try {
      const run = await leads(['ack', '--from', out], {
        CLINIC_COMPARE_URL: `http://127.0.0.1:${port(cutter)}`,
      })
      expect(run.code, run.stderr).toBe(0)
      expect(acksSeen).toBe(2)
      expect(run.stderr).toContain('Trying POST /v1/leads/ack again in 0.5 s')
      const leases = idsIn(out).length
      expect(leases).toBeGreaterThan(0)
      expect(run.stderr).toContain(`Acknowledged ${leases} of ${leases}`)
      expect(run.stderr).not.toContain('come back')
    } finally {
      cutter.close()
    }
    expect((await ackedIds()).filter((id) => ids.includes(id))).toEqual(ids)
  })
})

/**
 * Seals an inquiry as the intake does (worker/queue/message.ts, worker/crypto/lead-cipher.ts),
 * written independently here so a change of that format fails this test.
 */
async function sealedMessage(inquiryId: string): Promise<string> {
  const [version = '', material = ''] = ((await server.devVars()).LEADS_KEY ?? '').split(':')
  const key = await webcrypto.subtle.importKey(
    'raw',
    Buffer.from(material, 'base64'),
    'AES-GCM',
    false,
    ['encrypt'],
  )
  const iv = webcrypto.getRandomValues(new Uint8Array(12))
  const inquiry = v.parse(Inquiry, inquiryExample)
  const ciphertext = await webcrypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: Buffer.from(`inquiry:${inquiryId}`) },
    key,
    Buffer.from(JSON.stringify(inquiry)),
  )
  return JSON.stringify({
    v: 1,
    id: inquiryId,
    partnerId: inquiry.partnerId,
    receivedAt: Date.now(),
    sealed: {
      keyVersion: version,
      iv: Buffer.from(iv).toString('base64'),
      ciphertext: Buffer.from(ciphertext).toString('base64'),
    },
  })
}

/** A dead letter as the intake keeps one: the queue message, its inquiry still sealed. */
async function seedDeadLetter(messageId: string, inquiryId: string): Promise<void> {
  const body = await sealedMessage(inquiryId)
  const sql = `INSERT INTO dead_letters (id, inquiry_id, reason, attempts, dead_at, body)
    VALUES ('${messageId}', '${inquiryId}', 'retries-exhausted', 6, ${Date.now()}, '${body}');`
  const file = join(dir, `${messageId}.sql`)
  await writeFile(file, sql)
  const result = await runWranglerCli([
    'd1',
    'execute',
    'LEADS',
    '--local',
    '--persist-to',
    server.persistDir,
    '--file',
    file,
  ])
  expect(result.code, result.stderr).toBe(0)
}

describe('npm run leads -- dead-letters and replay', () => {
  it('lists a dead letter and replays it into a lead coordinators can pull', async () => {
    await seedDeadLetter('sample-message-1', 'sample-dead-inquiry')
    const list = await leads(['dead-letters'])
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout).toMatch(/^sample-message-1\tsample-dead-inquiry\tretries-exhausted\t6\t/m)
    expect(list.stdout).not.toContain('Ana Ejemplo')

    const replay = await leads(['replay', '--all'])
    expect(replay.code, replay.stderr).toBe(0)
    expect(replay.stderr).toContain('Replayed 1 of 1')
    await waitStored(['sample-dead-inquiry'])
    const out = join(dir, 'replayed.jsonl')
    expect((await leads(['pull', '--ack', '--out', out])).code).toBe(0)
    expect(idsIn(out)).toEqual(['sample-dead-inquiry'])

    const after = await leads(['dead-letters'])
    expect(after.stderr).toContain('No dead letters waiting')
    expect((await leads(['dead-letters', '--all'])).stdout).toContain('sample-message-1')
    expect((await leads(['replay'])).code).toBe(2)
  })
})
