import { describe, expect, it } from 'vitest'
import { type CpuProfile, summarise } from '../../bench/cpu-profile.ts'

const frame = (functionName: string, lineNumber = 0) => ({
  functionName,
  url: 'file:///bench-worker.js',
  lineNumber,
})

// (root) -> handler -> seal, and handler -> recurse -> recurse
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
    { id: 2, callFrame: frame('handler', 9), children: [3, 4] },
    { id: 3, callFrame: frame('seal', 19) },
    { id: 4, callFrame: frame('recurse', 29), children: [5] },
    { id: 5, callFrame: frame('recurse', 29) },
  ],
  samples: [3, 3, 2, 5, 4],
  timeDeltas: [1000, 1000, 500, 2000, 250],
}

describe('the bench CPU profile summary', () => {
  const { sampledMs, functions } = summarise(profile)
  const time = (name: string) => functions.find((f) => f.name.startsWith(`${name} `))

  it('adds up every sample', () => {
    expect(sampledMs).toBe(4.75)
  })

  it('gives self time to the function on top of the stack', () => {
    expect(time('seal')).toMatchObject({ selfMs: 2, totalMs: 2 })
    expect(time('handler')?.selfMs).toBe(0.5)
  })

  it('gives total time to every caller on the stack', () => {
    expect(time('handler')?.totalMs).toBe(4.75)
    expect(time('(root)')?.totalMs).toBe(4.75)
  })

  it('counts a recursive function once per sample in its total', () => {
    expect(time('recurse')).toMatchObject({ selfMs: 2.25, totalMs: 2.25 })
  })

  it('names a function by file and one-based line', () => {
    expect(time('seal')?.name).toBe('seal bench-worker.js:20')
  })
})
