// The classic script partners embed. It only finds its own URL and loads the
// module build next to it, so the widget's API base defaults to that origin.
const script = document.currentScript as HTMLScriptElement | null
const base = new URL('.', script?.src ?? location.href)
import(new URL('widget/main.js', base).href)
