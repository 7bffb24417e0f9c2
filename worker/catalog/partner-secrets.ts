import type { Partner } from '../../shared/schemas/partner.ts'
import { sha256 } from '../crypto/sha256.ts'
import { digestIn, hexBytes } from '../http/token-digest.ts'

/**
 * The ids of the partners that list this secret's SHA-256 among the digests
 * `digestsOf` picks (report tokens, API keys). Every digest of every partner
 * is compared, in constant time, so timing does not tell which partner (if
 * any) a secret belongs to.
 */
export async function partnersHolding(
  partners: Iterable<Partner>,
  secret: string,
  digestsOf: (partner: Partner) => readonly string[] | undefined,
): Promise<Set<string>> {
  const given = await sha256(secret)
  const owners = new Set<string>()
  for (const partner of partners) {
    if (digestIn(given, (digestsOf(partner) ?? []).map(hexBytes))) owners.add(partner.id)
  }
  return owners
}
