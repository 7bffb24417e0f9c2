/// <reference lib="dom" />
import type { Frame, FrameLocator, JSHandle, Locator, Page } from 'playwright-core'

export const widget = (page: Page, lang = 'en'): Locator =>
  page.locator(`clinic-compare[lang="${lang}"]`)

/** Ticks clinics by a part of their name and opens the comparison. */
export async function compareClinics(page: Page, names: string[], lang = 'en'): Promise<void> {
  const w = widget(page, lang)
  for (const name of names)
    await w.locator('.card', { hasText: name }).getByRole('checkbox').check()
  await w.locator('.bar button').last().click()
  await w.locator('table').waitFor()
}

/** The request form's frame inside a widget (it runs on the Worker's origin). */
export const requestFrame = (w: Locator): FrameLocator => w.locator('iframe.rf').contentFrame()

/**
 * The focused element, through shadow roots and into frames of any origin
 * (the request form's), as a short description.
 */
export async function focused(page: Page): Promise<string> {
  let frame: Frame | null = page.mainFrame()
  while (frame) {
    const handle: JSHandle<Element | null> = await frame.evaluateHandle(() => {
      let el: Element | null = document.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      return el
    })
    const el = handle.asElement()
    const inner =
      el && (await el.evaluate((e) => e.tagName === 'IFRAME')) && (await el.contentFrame())
    if (inner) {
      frame = inner
      continue
    }
    return frame.evaluate((e: Element | null) => {
      if (!e) return ''
      const input = e as HTMLInputElement
      const label = input.labels?.[0]?.textContent ?? e.textContent ?? ''
      return `${e.tagName.toLowerCase()}${input.type ? `[${input.type}]` : ''} ${label.trim()}`
    }, handle)
  }
  return ''
}

/** Presses Tab until the focused element's description contains `text`: a keyboard-only path. */
export async function tabTo(page: Page, text: string, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    if ((await focused(page)).includes(text)) return
  }
  throw new Error(`Tab never reached "${text}" (last: ${await focused(page)})`)
}

interface RequestAnswers {
  country: string
  age: string
  answer: 'Yes' | 'No' | 'Not sure'
}

/**
 * Opens the form (in its frame) for the compared clinics and fills it in with
 * fictional sample values, one answer for every pre-screen question; returns the frame.
 */
export async function fillRequestForm(
  w: Locator,
  answers: RequestAnswers = { country: 'US', age: '9', answer: 'Not sure' },
): Promise<FrameLocator> {
  await w.getByRole('button', { name: 'Request information' }).click()
  const f = requestFrame(w)
  await f.locator('form').waitFor({ timeout: 20_000 })
  await f.getByLabel('Your name').fill('Sample Parent')
  await f.getByRole('textbox', { name: 'Email' }).fill('parent@example.com')
  await f.getByLabel('Country you live in').selectOption(answers.country)
  await f.getByLabel('age in years').fill(answers.age)
  for (const group of await f.locator('form fieldset fieldset').all()) {
    await group.getByLabel(answers.answer, { exact: true }).check()
  }
  await f.getByLabel(/I agree/).check()
  return f
}
