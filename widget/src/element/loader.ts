// The classic script partners embed, at a URL that never changes. It finds its
// own URL and imports this build's module, whose content-hashed path the build
// writes in; the module takes its API base from that same URL. Included twice,
// both copies import the same URL, which runs once.
import { apiUrl } from '../common/api-url.ts'
import { toLang } from '../common/lang.ts'
import { UNAVAILABLE } from './unavailable.ts'

declare const __WIDGET_MAIN__: string

const src = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href

/**
 * The module did not load: offline, or this loader came from a cache and the
 * deploy it names is gone. Each element not yet running says so in its light
 * DOM (the widget's shadow root hides it once it runs) and announces the
 * error. "Try again" loads the current loader, past any cache; if that one
 * fails as well, it reloads the page, since a browser never fetches a module
 * URL that failed again within the same page.
 */
function unavailable() {
  for (const el of document.querySelectorAll('clinic-compare')) {
    if (el.shadowRoot || el.lastElementChild?.className === 'cc-unavailable') continue
    const t = UNAVAILABLE[toLang(el.getAttribute('lang') ?? document.documentElement.lang)]
    const box = document.createElement('p')
    const button = document.createElement('button')
    box.className = 'cc-unavailable'
    box.setAttribute('role', 'alert')
    // A partner may put the tag inside a <form>: never a submit button.
    button.type = 'button'
    button.textContent = t.retry
    button.onclick = () => {
      if (src.includes('?retry=')) return location.reload()
      for (const shown of document.querySelectorAll('.cc-unavailable')) shown.remove()
      const again = document.createElement('script')
      again.src = `${new URL('widget.js', src).href}?retry=${Date.now()}`
      document.head.append(again)
    }
    box.append(`${t.text} `, button)
    el.append(box)
    el.dispatchEvent(
      new CustomEvent('clinic-compare:error', {
        detail: { code: 'widget_unavailable' },
        bubbles: true,
        composed: true,
      }),
    )
  }
}

const main = new URL(__WIDGET_MAIN__, src)

/**
 * The list needs the module, one language and the clinics: all three are
 * asked for now, together, not each after the one before (two round trips
 * after the page, not four). The language chunk is the module main.js imports
 * for it (the same URL runs once); the clinics are a preload the widget's own
 * fetch of the same URL takes over. A tag added later, or with another
 * `api-base`, loads as before.
 */
function early() {
  const el = document.querySelector('clinic-compare')
  const lang = toLang(el?.getAttribute('lang') ?? document.documentElement.lang)
  import(new URL(`${lang}.js`, main).href).catch(() => undefined)
  const link = document.createElement('link')
  link.rel = 'preload'
  link.as = 'fetch'
  link.crossOrigin = 'anonymous'
  // The widget's default base: the directory widget.js is in (api.ts).
  link.href = apiUrl(el?.getAttribute('api-base') ?? new URL('.', src).href, 'v1/clinics')
  document.head.append(link)
}

import(main.href).catch(unavailable)
early()
