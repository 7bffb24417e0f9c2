// Runs inside `/embed/request`, a page of the Worker's own origin framed by the
// partner's page: the form lives here, so no script of the partner's page can
// read what a family types. The page names the partner, the clinics and the
// partner page's origin (checked by the Worker against the partner's list);
// only the facts in messages.ts go back to that origin.
import { render } from 'preact'
import { frameAttribution } from '../common/attribution.ts'
import { type FrameMessage, frameMessage, readHostMessage } from '../common/frame-messages.ts'
import { type Lang, toLang } from '../common/lang.ts'
import { widgetSheet } from '../common/styles.ts'
import { InquiryForm } from './form/form.tsx'
import { turnstileChallenge } from './turnstile.ts'

interface FrameConfig {
  partner: string
  lang: Lang
  /** The partner page's origin: the only one messages go to and come from. */
  parentOrigin: string
  clinics: { id: string; name: string }[]
  turnstile: { siteKey: string; scriptUrl: string }
}

function readConfig(mount: HTMLElement): FrameConfig {
  const d = mount.dataset
  return {
    partner: d.partner ?? '',
    lang: toLang(d.lang),
    parentOrigin: d.origin ?? '',
    clinics: JSON.parse(d.clinics ?? '[]') as FrameConfig['clinics'],
    turnstile: { siteKey: d.turnstileSitekey ?? '', scriptUrl: d.turnstileScript ?? '' },
  }
}

const mount = document.getElementById('cc-request')
if (mount && window.parent !== window) start(mount)

function start(mount: HTMLElement) {
  const config = readConfig(mount)
  // The widget put the partner page's attribution in this frame's URL.
  const attribution = frameAttribution(new URLSearchParams(location.search))
  const post = (message: FrameMessage) => window.parent.postMessage(message, config.parentOrigin)
  const container = document.getElementById('cc-challenge') ?? mount
  const challenge = turnstileChallenge({
    ...config.turnstile,
    partner: config.partner,
    lang: config.lang,
    container,
  })
  const shadow = mount.attachShadow({ mode: 'open' })
  shadow.adoptedStyleSheets = [widgetSheet()]
  document.body.style.margin = '0'

  const show = (lang: Lang) => {
    document.documentElement.lang = lang
    render(
      <div class="w wf" lang={lang}>
        <InquiryForm
          lang={lang}
          partner={config.partner}
          clinics={config.clinics}
          apiBase={location.origin}
          attribution={attribution}
          challenge={challenge}
          onSubmitted={(id) => post(frameMessage.submitted(id))}
          onError={(code, status) => post(frameMessage.error(code, status))}
          onClose={() => post(frameMessage.closed())}
        />
      </div>,
      shadow,
    )
  }
  show(config.lang)

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== config.parentOrigin) return
    const message = readHostMessage(event.data)
    if (message) show(message.lang)
  })

  // The widget moves focus into the frame when it opens; the heading takes it,
  // so a screen reader starts at the form's name.
  const focusHeading = () => {
    const active = shadow.activeElement
    if (!active) shadow.querySelector<HTMLElement>('h1')?.focus()
  }
  window.addEventListener('focus', focusHeading)
  if (document.hasFocus()) focusHeading()

  let last = -1
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height)
    if (height === last) return
    last = height
    post(frameMessage.height(height))
  }).observe(document.documentElement)
  post(frameMessage.ready())
}
