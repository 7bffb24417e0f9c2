import { keyVersions, macFor } from '../crypto/lead-cipher.ts'
import { toHex } from '../crypto/sha256.ts'

/**
 * An address as a family would type it again: Unicode NFC, trimmed, lower
 * case. Dots and `+tags` are kept: they are part of the address at most providers.
 */
function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase()
}

/** The keyed HMAC kept beside a lead (leads.email_mac), under the current key version. */
export async function emailMac(secret: string, email: string): Promise<string> {
  const result = await macFor(secret, 'email', normaliseEmail(email))
  if (!result) throw new Error('the current key version is always in the keyring')
  return toHex(result.mac)
}

/** The address's HMAC under every key version still in the keyring: leads sealed before a rotation match too. */
export async function emailMacs(secret: string, email: string): Promise<string[]> {
  const macs = await Promise.all(
    (await keyVersions(secret)).map((version) =>
      macFor(secret, 'email', normaliseEmail(email), version),
    ),
  )
  return macs.flatMap((m) => (m ? [toHex(m.mac)] : []))
}
