import { Component, createRef } from 'preact'
import { apiUrl } from '../common/api-url.ts'
import { attributionParams, pageAttribution } from '../common/attribution.ts'
import { languageMessage, readFrameMessage } from '../common/frame-messages.ts'
import type { Lang } from '../common/lang.ts'
import { Unavailable } from './ui/unavailable.tsx'

export interface RequestFrameProps {
  apiBase: string
  partner: string
  lang: Lang
  clinicIds: string[]
  /** The element's `campaign` attribute: the partner's own name for this placement. */
  campaign: string | null
  /** The frame's accessible name. */
  title: string
  onSubmitted: (requestId: string) => void
  onError: (code: string, status?: number) => void
  onClose: () => void
}

interface State {
  height: number | null
  /** The frame never said it was ready: offline, or a page that shows no form. */
  stalled: boolean
  attempt: number
}

/** How long the frame may take to say it is ready before the family is offered a retry. */
const READY_TIMEOUT_MS = 15_000

/**
 * The request form, in a frame of the Worker's origin (`/embed/request`): the
 * partner's page never holds what a family types. Messages are taken only from
 * that frame's window and the Worker's origin, and sent only to that origin.
 */
export class RequestFrame extends Component<RequestFrameProps, State> {
  override state: State = { height: null, stalled: false, attempt: 0 }
  #frame = createRef<HTMLIFrameElement>()
  #timer: ReturnType<typeof setTimeout> | undefined
  // Fixed when the frame is created: a language change is a message, not a reload that loses what was typed.
  #src = ''

  #origin = () => new URL(apiUrl(this.props.apiBase, '/')).origin

  #onMessage = (event: MessageEvent) => {
    const frame = this.#frame.current
    if (!frame || event.source !== frame.contentWindow || event.origin !== this.#origin()) return
    const message = readFrameMessage(event.data)
    if (!message) return
    const { onSubmitted, onError, onClose } = this.props
    switch (message.type) {
      case 'clinic-compare:request-ready':
        clearTimeout(this.#timer)
        this.setState({ stalled: false })
        frame.focus()
        return
      case 'clinic-compare:request-height':
        this.setState({ height: message.height })
        return
      case 'clinic-compare:request-submitted':
        return onSubmitted(message.requestId)
      case 'clinic-compare:request-error':
        return onError(message.code, message.status)
      case 'clinic-compare:request-closed':
        return onClose()
    }
  }

  #start() {
    const { apiBase, partner, lang, clinicIds, campaign } = this.props
    const query = new URLSearchParams({
      partner,
      clinics: clinicIds.join(','),
      lang,
      origin: location.origin,
    })
    // Where the request starts on the partner's site (utm_*, path): the frame cannot read the
    // page's URL, so it is passed along. It says nothing about the family.
    for (const [name, value] of attributionParams(pageAttribution(campaign))) query.set(name, value)
    this.#src = `${apiUrl(apiBase, 'embed/request')}?${query}`
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.setState({ stalled: true }), READY_TIMEOUT_MS)
  }

  override componentWillMount() {
    this.#start()
  }

  override componentDidMount() {
    window.addEventListener('message', this.#onMessage)
  }

  override componentDidUpdate(prev: RequestFrameProps) {
    if (prev.lang === this.props.lang) return
    this.#frame.current?.contentWindow?.postMessage(
      languageMessage(this.props.lang),
      this.#origin(),
    )
  }

  override componentWillUnmount() {
    clearTimeout(this.#timer)
    window.removeEventListener('message', this.#onMessage)
  }

  #retry = () => {
    this.#start()
    this.setState(({ attempt }) => ({ stalled: false, height: null, attempt: attempt + 1 }))
  }

  override render() {
    const { lang, title } = this.props
    const { height, stalled, attempt } = this.state
    return (
      <>
        {stalled && <Unavailable lang={lang} onRetry={this.#retry} />}
        <iframe
          key={attempt}
          ref={this.#frame}
          class="rf"
          src={this.#src}
          title={title}
          // CSSOM, not a style attribute: allowed by a strict style-src.
          style={height === null ? undefined : { height: `${height}px` }}
        />
      </>
    )
  }
}
