// The classic script partners embed. It only finds its own URL and loads the
// module build next to it; the module takes its API base from that same URL.
// Included twice, both copies import the same URL, which runs once.
const script = document.currentScript as HTMLScriptElement | null
const base = new URL('.', script?.src ?? location.href)
import(new URL('widget/main.js', base).href)
