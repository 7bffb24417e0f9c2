/** Every string of the list in English. The comparison and the form load their own. */
export const en = {
  title: 'Compare clinics',
  sample: 'Sample data',
  loading: 'Loading clinics…',
  loadFailed: 'The clinic list could not be loaded. Please try again later.',
  retry: 'Try again',
  filters: 'Filters',
  route: 'Delivery route',
  anyRoute: 'Any route',
  iv: 'Intravenous (IV)',
  intrathecal: 'Intrathecal (IT)',
  budget: 'Budget up to',
  currency: 'Currency',
  city: 'City',
  anyCity: 'Any city',
  per: 'per',
  converted: (currency: string, rate: string) =>
    `Prices in ${currency} are shown and compared with your budget at ${rate}.`,
  staleRate: (currency: string, date: string, days: number) =>
    `Prices in ${currency} are not converted or compared: the latest exchange rate (${date}) is more than ${days} days old.`,
  noRate: (currency: string) =>
    `Prices in ${currency} are not converted or compared: there is no exchange rate.`,
  count: (n: number) => (n === 1 ? '1 clinic shown' : `${n} clinics shown`),
  none: 'No clinic matches these filters.',
  warnCount: (n: number) => (n === 1 ? '1 warning sign' : `${n} warning signs`),
  pick: 'Compare',
  pickHint: 'Choose up to three clinics to compare.',
  picked: (n: number, max: number) => `${n} of ${max} chosen`,
  full: 'Three clinics are chosen. Remove one to add another.',
  compare: 'Compare side by side',
  back: 'Back to the list',
  comparison: 'Side-by-side comparison',
  request: 'Request information',
  partnerInactive: 'Requests cannot be sent from this page right now.',
  partnerFailed: 'We could not check whether requests can be sent from this page.',
  contextTitle: 'Good to know',
  context: [
    'MSC therapy for autism is a supportive treatment, not a cure.',
    'It is not approved by the FDA in the United States.',
    'Whether a child is eligible is always a physician’s decision.',
  ],
}

export type Strings = typeof en
