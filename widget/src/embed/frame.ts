// Runs inside the `/embed` page: tells the host page how tall the widget is,
// so the resizer there can fit the iframe with no inner scrollbar. The height
// is all it sends; '*' because the frame cannot know its parent's origin in
// every browser, and `frame-ancestors` already limits who can frame it.
import { RESIZE_MESSAGE, type ResizeMessage } from './message.ts'

// CSSOM, allowed by the page's strict style-src: the body is exactly the widget.
document.body.style.margin = '0'
let last = -1
const report = () => {
  const height = Math.ceil(document.body.getBoundingClientRect().height)
  if (height === last || window.parent === window) return
  last = height
  const message: ResizeMessage = { type: RESIZE_MESSAGE, height }
  window.parent.postMessage(message, '*')
}
new ResizeObserver(report).observe(document.body)
