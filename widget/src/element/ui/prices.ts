import {
  priceIn,
  RATE_MAX_AGE_DAYS,
  type RateFacts,
  rateFor,
} from '../../../../shared/rules/rates.ts'
import type { ClinicView } from '../../../../shared/schemas/api.ts'
import { describeRate, formatDate } from '../../common/format.ts'
import type { Lang, Strings } from '../../common/strings.ts'

/** The cheapest package of a clinic in the family's currency; those that do not convert last. */
export function cheapest(clinic: ClinicView, rates: readonly RateFacts[], currency: string) {
  const amount = (p: ClinicView['packages'][number]) => priceIn(rates, p, currency)?.min ?? 1e12
  return [...clinic.packages].sort((a, b) => amount(a) - amount(b))[0]
}

/**
 * What the list says about prices in currencies other than the family's:
 * the rate each is converted at, or why it is not (a stale rate, none).
 */
export function rateNotes(
  t: Strings,
  lang: Lang,
  clinics: readonly ClinicView[],
  rates: readonly RateFacts[],
  currency: string,
): { text: string; warn: boolean }[] {
  const others = new Set(clinics.flatMap((c) => c.packages.map((p) => p.currency)))
  others.delete(currency)
  return [...others].sort().map((other) => {
    const rate = rateFor(rates, other, currency)
    if (!rate) return { text: t.noRate(other), warn: true }
    if (rate.stale) {
      return {
        text: t.staleRate(other, formatDate(rate.date, lang), RATE_MAX_AGE_DAYS),
        warn: true,
      }
    }
    return { text: t.converted(other, describeRate(rate, t.per, lang)), warn: false }
  })
}
