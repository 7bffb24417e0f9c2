import { existsSync } from 'node:fs'

/** Which match of a selector: the one containing `text`, the `index`th (from 0), or a descendant. */
export interface Where {
  text?: string
  inner?: string
  index?: number
}

/**
 * One page of a browser other than Chromium, driven over WebDriver as a person
 * uses it: real clicks and key presses (Firefox ignores input events
 * dispatched by script from the automation), elements found through open
 * shadow roots of the current frame.
 */
export interface EnginePage {
  /** The engine and its version, as the browser reports them. */
  readonly version: string
  goto(url: string): Promise<void>
  /** Texts of the elements that match `selector` (and contain `text`). */
  texts(selector: string, text?: string): Promise<string[]>
  /** Clicks, as a pointer does, a match (the first unless `at.index`) or its `at.inner` descendant. */
  click(selector: string, at?: Where): Promise<void>
  /** Focuses the first match and types `value` key by key. */
  type(selector: string, value: string): Promise<void>
  /** Picks the option labelled `label` of a select, as a person does. */
  choose(selector: string, label: string): Promise<void>
  /** From now on, works inside the frame the first match shows, until `leaveFrame`. */
  enterFrame(selector: string): Promise<void>
  leaveFrame(): Promise<void>
  close(): Promise<void>
}

/**
 * Runs in the page: the elements matching `selector` in the document and in
 * every open shadow root, kept when their text contains `text`; with `inner`,
 * each one's first descendant matching it. `mode` "one" returns the match at
 * `index` or null, "texts" every match's text. A string, so that no compiler
 * rewrites it before it is sent to the browser.
 */
export const FIND_IN_PAGE = `function (selector, text, inner, mode, index) {
  const within = (root) => {
    const found = [...root.querySelectorAll(selector)]
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...within(el.shadowRoot))
    return found
  }
  const matches = within(document)
    .filter((el) => !text || (el.textContent || '').includes(text))
    .map((el) => (inner ? el.querySelector(inner) : el))
    .filter((el) => el !== null)
  if (mode === 'texts') return matches.map((el) => (el.textContent || '').trim())
  return matches[index] || null
}`

/** Waits until `check` answers true; says what it waited for otherwise. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * Why an engine cannot run here (the files it needs), or undefined. Under
 * CI=true a missing browser is a failure, never a quiet skip.
 */
export function engineMissing(engine: string, files: string[]): string | undefined {
  const absent = files.filter((f) => !existsSync(f))
  if (absent.length === 0) return undefined
  const reason = `${absent.join(', ')} missing (.ci/run installs Debian's packages)`
  if (process.env.CI === 'true') throw new Error(`Browser tests need ${engine}: ${reason}`)
  return reason
}

/** The arguments of FIND_IN_PAGE, in its order. */
export function findArgs(mode: 'one' | 'texts', selector: string, at: Where = {}): unknown[] {
  return [selector, at.text ?? '', at.inner ?? '', mode, at.index ?? 0]
}

export function describeWhere(selector: string, at: Where = {}): string {
  return [selector, at.text && `with "${at.text}"`, at.index && `#${at.index}`, at.inner]
    .filter(Boolean)
    .join(' ')
}
