import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../../../../../scripts/lib/free-port.ts'
import {
  describeWhere,
  type EnginePage,
  engineMissing,
  FIND_IN_PAGE,
  findArgs,
  type Where,
  waitUntil,
} from './engine.ts'

const DRIVER = '/usr/bin/WebKitWebDriver'
const XVFB = '/usr/bin/Xvfb'
/** WebKitGTK's own small browser, from the same Debian package set as the driver. */
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
/** W3C WebDriver's key for an element reference. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'

type ElementRef = Record<typeof ELEMENT, string>
/** WebDriver's code for the Tab key. */
const TAB = '\uE004'

export function webkitMissing(): string | undefined {
  return engineMissing('WebKit (webkit2gtk-driver, xvfb)', [DRIVER, XVFB, MINIBROWSER])
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  return exited
}

/** An X display of its own (WebKitGTK draws to one even when nobody looks). */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(
    XVFB,
    ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
  const display = await new Promise<string>((resolve, reject) => {
    xvfb.stdout?.once('data', (chunk: Buffer) => resolve(`:${String(chunk).trim()}`))
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)))
  })
  return { display, process: xvfb }
}

/**
 * WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver, the W3C WebDriver
 * protocol over HTTP: the engine of every browser on an iPhone.
 */
export async function openWebKit(): Promise<EnginePage> {
  const xvfb = await startXvfb()
  const port = await freePort()
  const driver = spawn(DRIVER, [`--port=${port}`], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: 'ignore',
  })
  const base = `http://127.0.0.1:${port}`
  const stopAll = async () => {
    await stopProcess(driver)
    await stopProcess(xvfb.process)
  }
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const answer = (await response.json()) as { value: T }
    if (!response.ok)
      throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(answer.value)}`)
    return answer.value
  }
  let session: { sessionId: string; capabilities: { browserVersion?: string } }
  try {
    for (let tries = 0; ; tries++) {
      try {
        session = await send('POST', '/session', {
          capabilities: {
            alwaysMatch: {
              'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
            },
          },
        })
        break
      } catch (error) {
        // The driver listens a moment after it starts.
        if (tries > 50) throw error
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  } catch (error) {
    await stopAll()
    throw error
  }
  const sessionPath = (path: string) => `/session/${session.sessionId}${path}`
  const run = <T>(mode: 'one' | 'texts', selector: string, at?: Where) =>
    send<T>('POST', sessionPath('/execute/sync'), {
      script: `return (${FIND_IN_PAGE}).apply(null, arguments)`,
      args: findArgs(mode, selector, at),
    })
  const one = async (selector: string, at?: Where): Promise<string> => {
    const element = await run<ElementRef | null>('one', selector, at)
    if (!element) throw new Error(`no ${describeWhere(selector, at)}`)
    return element[ELEMENT]
  }
  const keys = async (...values: string[]): Promise<void> => {
    const actions = values.flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ])
    await send('POST', sessionPath('/actions'), {
      actions: [{ type: 'key', id: 'keyboard', actions }],
    })
    await send('DELETE', sessionPath('/actions'))
  }
  /**
   * Gives the element the focus (scrolled to the middle of its frame) and
   * presses keys, as a person who uses a keyboard does. Not Element Click or
   * Send Keys, nor the pointer: inside a frame, WebKitWebDriver hit-tests the
   * document, finds the shadow host over a field of its shadow root and
   * refuses a click as intercepted or a field as not focusable, and a pointer
   * cannot reach below the window's edge in a tall frame. WebKit lets a frame
   * of another origin take the focus only once the person has used it: when
   * the focus does not stay, Tab is pressed first, as that person would.
   */
  const press = async (element: string, text: string, what: string): Promise<void> => {
    let tries = 0
    await waitUntil(`the focus to stay on ${what}`, async () => {
      if (tries++ > 0) await keys(TAB)
      return send<boolean>('POST', sessionPath('/execute/async'), {
        script: `const [el, done] = arguments
          el.scrollIntoView({ block: 'center' })
          el.focus()
          setTimeout(() => done(el.getRootNode().activeElement === el), 50)`,
        args: [{ [ELEMENT]: element }],
      })
    })
    await keys(...text)
  }
  return {
    version: `WebKitGTK ${session.capabilities.browserVersion ?? '?'} (MiniBrowser)`,
    goto: async (url) => {
      await send('POST', sessionPath('/url'), { url })
    },
    texts: (selector, text) => run<string[]>('texts', selector, { text }),
    // Space presses a button and ticks a checkbox or a radio button.
    click: async (selector, where) =>
      press(await one(selector, where), ' ', describeWhere(selector, where)),
    type: async (selector, value) => press(await one(selector), value, selector),
    // A closed select takes the letters typed while it has the focus.
    choose: async (selector, label) => press(await one(selector), label, selector),
    enterFrame: async (selector) => {
      await send('POST', sessionPath('/frame'), { id: { [ELEMENT]: await one(selector) } })
    },
    leaveFrame: async () => {
      await send('POST', sessionPath('/frame'), { id: null })
    },
    close: async () => {
      await send('DELETE', sessionPath('')).catch(() => undefined)
      await stopAll()
    },
  }
}
