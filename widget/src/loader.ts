// The classic script partners embed, at a URL that never changes. It finds its
// own URL and imports this build's module, whose content-hashed path the build
// writes in; the module takes its API base from that same URL. Included twice,
// both copies import the same URL, which runs once.
import { toLang } from './lang.ts'
import { UNAVAILABLE } from './unavailable.ts'

declare const __WIDGET_MAIN__: string

const script = document.currentScript as HTMLScriptElement | null
const src = script?.src ?? location.href

/**
 * The module did not load: offline, or this loader came from a cache and the
 * deploy it names is gone. Each waiting element says so in its light DOM (the
 * widget's shadow root hides it once it runs) and announces the error. "Try
 * again" loads the current loader, past any cache. If that one fails as well,
 * it reloads the page: a browser never fetches a module URL that failed again
 * within the same page.
 */
function unavailable() {
  const waiting = [...document.querySelectorAll('clinic-compare')].filter(
    (el) => !el.shadowRoot && !el.querySelector('[data-cc-unavailable]'),
  )
  for (const el of waiting) {
    const t = UNAVAILABLE[toLang(el.getAttribute('lang') ?? document.documentElement.lang)]
    const box = document.createElement('p')
    box.setAttribute('role', 'alert')
    box.dataset.ccUnavailable = ''
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = t.retry
    button.addEventListener('click', () => {
      if (new URL(src).searchParams.has('retry')) {
        location.reload()
        return
      }
      for (const shown of document.querySelectorAll('[data-cc-unavailable]')) shown.remove()
      const again = document.createElement('script')
      again.src = `${new URL('widget.js', src).href}?retry=${Date.now()}`
      again.async = true
      document.head.append(again)
    })
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

import(new URL(__WIDGET_MAIN__, new URL('.', src)).href).catch(unavailable)
