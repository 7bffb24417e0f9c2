import type { DevServer } from '../../../../scripts/lib/dev-server.ts'
import { sampleCatalogFor } from '../../../../scripts/lib/local-state.ts'
import { publishCatalog } from '../../../../scripts/lib/publish.ts'

export {
  type PartnerSite,
  partnerPage,
  startPartnerSite,
  strictCsp,
} from '../../../../scripts/lib/partner-site.ts'

/**
 * What an operator does for a new partner site: adds its origins to the
 * partner's `allowedOrigins` (or, with `only`, makes them the only ones) and
 * publishes the catalog to the server's local state; resolves once the Worker
 * answers a preflight from the first origin.
 */
export async function allowOrigins(
  server: DevServer,
  partnerId: string,
  origins: string[],
  options: { only?: boolean } = {},
): Promise<void> {
  const catalog = await sampleCatalogFor(server.port)
  const partner = catalog.partners.find((p) => p.id === partnerId)
  if (!partner) throw new Error(`no partner ${partnerId} in the sample catalog`)
  partner.allowedOrigins = [...(options.only ? [] : partner.allowedOrigins), ...origins]
  await publishCatalog(catalog, { local: true, persistTo: server.persistDir })
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const preflight = await fetch(`${server.url}/v1/inquiries`, {
      method: 'OPTIONS',
      headers: { Origin: origins[0] ?? '', 'Access-Control-Request-Method': 'POST' },
    })
    if (preflight.headers.get('Access-Control-Allow-Origin') === origins[0]) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the Worker never allowed ${origins[0]}`)
}
