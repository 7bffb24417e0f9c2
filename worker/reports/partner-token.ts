import type { Partner } from '../../shared/schemas/partner.ts'
import { sha256 } from '../crypto/sha256.ts'
import { digestIn, hexBytes } from '../http/token-digest.ts'

/**
 * The ids of the partners whose `reportTokenSha256` lists this token's
 * digest. Every digest of every partner is compared, in constant time, so
 * timing does not tell which partner (if any) a token belongs to.
 */
export async function reportTokenOwners(
  partners: Iterable<Partner>,
  token: string,
): Promise<Set<string>> {
  const given = await sha256(token)
  const owners = new Set<string>()
  for (const partner of partners) {
    if (digestIn(given, (partner.reportTokenSha256 ?? []).map(hexBytes))) owners.add(partner.id)
  }
  return owners
}
