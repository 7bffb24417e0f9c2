import { Component, type ComponentChildren, createRef } from 'preact'
import {
  CHILD_AGE_YEARS_MAX,
  CHILD_AGE_YEARS_MIN,
  MAX_MESSAGE_LENGTH,
} from '../../../../shared/limits.ts'
import { CURRENT_NOTICE_VERSION } from '../../../../shared/privacy/versions.ts'
import type { Attribution } from '../../../../shared/schemas/attribution.ts'
import {
  CONTACT_CHANNELS,
  PRE_SCREEN_ANSWERS,
  PRE_SCREEN_QUESTIONS,
} from '../../../../shared/schemas/inquiry.ts'
import type { Lang } from '../../common/strings.ts'
import { adoptSheet } from '../../common/styles.ts'
import type { Challenge } from '../turnstile.ts'
import { Consents, ReceiptLink } from './consents.tsx'
import { countries } from './countries.ts'
import css from './form.css'
import { formStrings } from './strings.ts'
import { newKey, sendInquiry } from './submit.ts'
import { check, fieldErrors, initialValues, toInquiry, type Values } from './values.ts'

export interface FormProps {
  lang: Lang
  partner: string
  clinics: { id: string; name: string }[]
  apiBase: string
  /** Where on the partner's site the request starts (utm_*, path, campaign): never about the family. */
  attribution: Attribution | undefined
  /** Turnstile in the frame: each submission carries a token the Worker verifies. */
  challenge: Challenge
  onSubmitted: (requestId: string) => void
  /** A failed send, as an error code (`inquiry_network`, ...) and the HTTP status if any. */
  onError: (code: string, status?: number) => void
  onClose: () => void
}

type Status = { kind: 'idle' | 'sending' | 'sent' | 'failed'; text: string; receipt?: string }

interface State {
  values: Values
  errors: Record<string, string>
  status: Status
}

/**
 * The request form. Everything typed stays until the Worker has accepted it.
 * A class component, like App: the widget ships without preact/hooks.
 */
export class InquiryForm extends Component<FormProps, State> {
  override state: State = {
    values: initialValues(this.props.lang),
    errors: {},
    status: { kind: 'idle', text: '' },
  }
  // One key per submission: kept for a retry, dropped once the family edits the form.
  #key: string | null = null
  // A removed widget stops its send; the key makes a later one safe either way.
  #abort = new AbortController()
  #form = createRef<HTMLFormElement>()
  #heading = createRef<HTMLHeadingElement>()
  #focusFirstError = false

  // Both run right after the commit: the form's rules are adopted before it paints.
  override componentDidMount() {
    adoptSheet(this.#heading.current, css)
  }

  override componentDidUpdate() {
    if (!this.#focusFirstError) return
    this.#focusFirstError = false
    this.#form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  override componentWillUnmount() {
    this.#abort.abort()
  }

  #set = (patch: Partial<Values>) =>
    this.setState(({ values }) => ({ values: { ...values, ...patch } }))

  #submit = async (event: Event) => {
    event.preventDefault()
    const { lang, partner, clinics, apiBase, onSubmitted, onError } = this.props
    const { values, status } = this.state
    if (status.kind === 'sending') return
    const t = formStrings(lang)
    if (values.website !== '') {
      // Only a robot should fill the hidden trap; if a browser or an extension
      // did, the family is told what happened and sends again, now with it empty.
      this.#key = null
      this.setState({
        values: { ...values, website: '' },
        status: { kind: 'failed', text: t.failed.trap },
      })
      onError('inquiry_trap_filled')
      return
    }
    const clinicIds = clinics.map((c) => c.id)
    const body = {
      ...toInquiry(values, partner, clinicIds, { version: CURRENT_NOTICE_VERSION, lang }),
      attribution: this.props.attribution,
    }
    const found = fieldErrors(check(body), t, values.phone.trim() === '')
    const count = Object.keys(found).length
    if (count > 0) {
      this.#focusFirstError = true
      this.setState({ errors: found, status: { kind: 'failed', text: t.fix(count) } })
      return
    }
    this.#key ??= newKey()
    const key = this.#key
    this.setState({ errors: found, status: { kind: 'sending', text: t.sending } })
    const token = await this.props.challenge.token(key)
    if (this.#abort.signal.aborted) return
    if (token === null) {
      this.setState({ status: { kind: 'failed', text: t.failed.challenge } })
      onError('inquiry_challenge')
      return
    }
    const result = await sendInquiry(apiBase, body, key, token, this.#abort.signal)
    if (this.#abort.signal.aborted) return
    if (result.ok) {
      this.setState({ status: { kind: 'sent', text: t.sent(result.id), receipt: result.receipt } })
      onSubmitted(result.id)
      return
    }
    onError(`inquiry_${result.kind}`, result.status)
    if (result.kind === 'challenge') this.props.challenge.reset()
    if (result.issues?.length) {
      this.setState({ errors: fieldErrors(result.issues, t, values.phone.trim() === '') })
      this.#focusFirstError = true
    }
    const f = t.failed
    const message = {
      network: f.network,
      rate: f.rate(result.retryAfter ?? 30),
      unavailable: f.unavailable(result.retryAfter ?? 30),
      forbidden: f.forbidden,
      challenge: f.challenge,
      invalid: f.invalid,
      other: f.other,
    }[result.kind]
    this.setState({ status: { kind: 'failed', text: message } })
  }

  // An edit while a send is still under way counts too: if that send fails, the retry carries
  // what the family changed, so it is a new submission with a new key.
  #onEdit = () => {
    const { kind } = this.state.status
    if (kind === 'failed' || kind === 'sending') this.#key = null
  }

  override render() {
    const { lang, clinics, onClose } = this.props
    const { values, errors, status } = this.state
    const t = formStrings(lang)
    const id = (name: string) => `f-${name}`
    const set = this.#set
    const describe = (name: string) => ({
      id: id(name),
      'aria-invalid': errors[name] ? ('true' as const) : undefined,
      'aria-describedby': errors[name] ? `${id(name)}-e` : undefined,
    })
    const error = (name: string) =>
      errors[name] && (
        <p class="err" id={`${id(name)}-e`}>
          {errors[name]}
        </p>
      )
    const field = (name: keyof Values, label: string, control: ComponentChildren) => (
      <div class="f">
        <label for={id(name)}>{label}</label>
        {control}
        {error(name)}
      </div>
    )
    const text = (name: 'parentName' | 'email' | 'phone' | 'childAgeYears', extra: object) => (
      <input
        {...describe(name)}
        {...extra}
        value={values[name]}
        onInput={(e) => set({ [name]: e.currentTarget.value })}
      />
    )

    const sent = status.kind === 'sent'
    const failed = status.kind === 'failed'
    return (
      <section aria-labelledby={id('t')}>
        <h1 id={id('t')} tabIndex={-1} ref={this.#heading}>
          {t.title}
        </h1>
        <p>
          {t.about} {clinics.map((c) => c.name).join(', ')}
        </p>
        <div class="status" role="status">
          {sent && <strong class="ok">{status.text}</strong>}
          {status.kind === 'sending' && status.text}
        </div>
        <div class="status" role="alert">
          {failed && <strong class="err">{status.text}</strong>}
        </div>
        {sent && status.receipt && <ReceiptLink lang={lang} url={status.receipt} />}
        {sent ? (
          <button type="button" class="sec" onClick={onClose}>
            {t.done}
          </button>
        ) : (
          <form ref={this.#form} noValidate onSubmit={this.#submit} onInput={this.#onEdit}>
            <p class="muted">{t.intro}</p>
            {field('parentName', t.parentName, text('parentName', { autocomplete: 'name' }))}
            {field('email', t.email, text('email', { type: 'email', autocomplete: 'email' }))}
            {field('phone', t.phone, text('phone', { type: 'tel', autocomplete: 'tel' }))}
            <fieldset>
              <legend>{t.contactChannel}</legend>
              <div class="row">
                {CONTACT_CHANNELS.map((c) => (
                  <label class="opt" key={c}>
                    <input
                      type="radio"
                      name="channel"
                      value={c}
                      checked={values.contactChannel === c}
                      onChange={() => set({ contactChannel: c })}
                    />
                    {t.channels[c]}
                  </label>
                ))}
              </div>
            </fieldset>
            {field(
              'language',
              t.language,
              <select
                {...describe('language')}
                value={values.language}
                onChange={(e) => set({ language: e.currentTarget.value })}
              >
                <option value="en">{t.languages.en}</option>
                <option value="es">{t.languages.es}</option>
              </select>,
            )}
            {field(
              'country',
              t.country,
              <select
                {...describe('country')}
                autocomplete="country"
                value={values.country}
                onChange={(e) => set({ country: e.currentTarget.value })}
              >
                <option value="">{t.chooseCountry}</option>
                {countries(lang).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>,
            )}
            {field(
              'childAgeYears',
              t.childAge,
              text('childAgeYears', {
                type: 'number',
                inputMode: 'numeric',
                min: CHILD_AGE_YEARS_MIN,
                max: CHILD_AGE_YEARS_MAX,
              }),
            )}
            {field(
              'message',
              t.message,
              <textarea
                {...describe('message')}
                rows={4}
                maxLength={MAX_MESSAGE_LENGTH}
                value={values.message}
                onInput={(e) => set({ message: e.currentTarget.value })}
              />,
            )}
            <fieldset>
              <legend>{t.preTitle}</legend>
              <p class="muted">{t.preIntro}</p>
              {PRE_SCREEN_QUESTIONS.map((q) => {
                const name = `preScreen.${q}`
                return (
                  <fieldset
                    key={q}
                    id={id(name)}
                    aria-describedby={errors[name] ? `${id(name)}-e` : undefined}
                  >
                    <legend>{t.questions[q]}</legend>
                    <div class="row">
                      {PRE_SCREEN_ANSWERS.map((a, index) => (
                        <label class="opt" key={a}>
                          <input
                            type="radio"
                            name={q}
                            value={a}
                            aria-invalid={errors[name] && index === 0 ? 'true' : undefined}
                            checked={values.preScreen[q] === a}
                            onChange={() => set({ preScreen: { ...values.preScreen, [q]: a } })}
                          />
                          {t.answers[a]}
                        </label>
                      ))}
                    </div>
                    {error(name)}
                  </fieldset>
                )
              })}
            </fieldset>
            <Consents
              lang={lang}
              apiBase={this.props.apiBase}
              values={values}
              set={set}
              invalid={Boolean(errors.consent)}
              error={error('consent')}
            />
            {/* The trap: no label, name or autocomplete token that autofill matches to anything. */}
            <div class="hp" aria-hidden="true">
              <label>
                {t.website}
                <input
                  tabIndex={-1}
                  name="cc-trap"
                  autocomplete="off"
                  data-1p-ignore=""
                  data-lpignore="true"
                  data-form-type="other"
                  value={values.website}
                  onInput={(e) => set({ website: e.currentTarget.value })}
                />
              </label>
            </div>
            {/* Turnstile's container lives in the page (light DOM), shown here. */}
            <slot name="challenge" />
            <div class="bar">
              <button type="button" class="sec" onClick={onClose}>
                {t.cancel}
              </button>
              <button type="submit" disabled={status.kind === 'sending'}>
                {failed && this.#key ? t.sendAgain : t.send}
              </button>
            </div>
          </form>
        )}
      </section>
    )
  }
}
