// The classic script partners embed, at a URL that never changes. It finds its
// own URL and imports this build's module, whose content-hashed path the build
// writes in; the module takes its API base from that same URL. Included twice,
// both copies import the same URL, which runs once.
import { toLang } from './lang.ts'
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

import(new URL(__WIDGET_MAIN__, src).href).catch(unavailable)
