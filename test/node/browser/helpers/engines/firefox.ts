import puppeteer, { type ElementHandle, type Frame } from 'puppeteer-core'
import {
  describeWhere,
  type EnginePage,
  engineMissing,
  FIND_IN_PAGE,
  findArgs,
  type Where,
} from './engine.ts'

const FIREFOX = '/usr/bin/firefox-esr'

export function firefoxMissing(): string | undefined {
  return engineMissing('Firefox (firefox-esr)', [FIREFOX])
}

/** Debian's Firefox ESR through WebDriver BiDi (puppeteer-core: it never downloads a browser). */
export async function openFirefox(): Promise<EnginePage> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
  })
  const version = await browser.version()
  const page = await browser.newPage()
  let frame: Frame = page.mainFrame()
  const call = (mode: 'one' | 'texts', selector: string, at?: Where) =>
    `(${FIND_IN_PAGE})(${findArgs(mode, selector, at)
      .map((a) => JSON.stringify(a))
      .join(', ')})`
  const one = async (selector: string, at?: Where): Promise<ElementHandle> => {
    const element = (await frame.evaluateHandle(call('one', selector, at))).asElement()
    if (!element) throw new Error(`no ${describeWhere(selector, at)}`)
    return element as ElementHandle
  }
  return {
    version: version.replace('firefox/', 'Firefox ESR '),
    goto: async (url) => {
      frame = page.mainFrame()
      await page.goto(url)
    },
    texts: async (selector, text) =>
      (await frame.evaluate(call('texts', selector, { text }))) as string[],
    click: async (selector, where) => {
      await (await one(selector, where)).click()
    },
    type: async (selector, value) => {
      await (await one(selector)).type(value)
    },
    choose: async (selector, label) => {
      // A closed select takes the letters typed while it has the focus.
      await (await one(selector)).focus()
      await page.keyboard.type(label)
    },
    enterFrame: async (selector) => {
      const inner = await (await one(selector)).contentFrame()
      if (!inner) throw new Error(`${selector} shows no frame`)
      frame = inner
    },
    leaveFrame: async () => {
      frame = page.mainFrame()
    },
    close: () => browser.close(),
  }
}
