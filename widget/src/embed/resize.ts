// The optional one-line resizer for pages that embed `/embed` in an iframe:
// <script src="https://WORKER/embed-resize.js" async></script>
// It fits each clinic-compare iframe to the height its content reports. Only
// messages from the Worker's origin, and only from one of our iframes, count.
import { isResizeMessage } from './message.ts'

const script = document.currentScript as HTMLScriptElement | null
const workerOrigin = new URL(script?.src ?? location.href).origin

window.addEventListener('message', (event) => {
  if (event.origin !== workerOrigin || !isResizeMessage(event.data)) return
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow !== event.source) continue
    // CSSOM, not a style attribute: a strict style-src allows it.
    frame.style.height = `${event.data.height}px`
  }
})
