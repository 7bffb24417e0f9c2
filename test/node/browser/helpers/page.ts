/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core'

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

/** The focused element, through shadow roots, as a short description. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    if (!el) return ''
    const input = el as HTMLInputElement
    const label = input.labels?.[0]?.textContent ?? el.textContent ?? ''
    return `${el.tagName.toLowerCase()}${input.type ? `[${input.type}]` : ''} ${label.trim()}`
  })
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
 * Opens the form for the compared clinics and fills it in with fictional
 * sample values, one answer for every pre-screen question.
 */
export async function fillRequestForm(
  w: Locator,
  answers: RequestAnswers = { country: 'US', age: '9', answer: 'Not sure' },
): Promise<void> {
  await w.getByRole('button', { name: 'Request information' }).click()
  await w.locator('form').waitFor()
  await w.getByLabel('Your name').fill('Sample Parent')
  await w.getByRole('textbox', { name: 'Email' }).fill('parent@example.com')
  await w.getByLabel('Country you live in').selectOption(answers.country)
  await w.getByLabel('age in years').fill(answers.age)
  for (const group of await w.locator('form fieldset fieldset').all()) {
    await group.getByLabel(answers.answer, { exact: true }).check()
  }
  await w.getByLabel(/I agree/).check()
}
