// Tokens are compared as SHA-256 digests (worker/crypto/sha256.ts), so all
// sides of a comparison have one length.

/** A lowercase hex digest as bytes (the schema has checked it is 64 hex characters). */
export function hexBytes(hex: string): ArrayBuffer {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes.buffer
}

/**
 * Whether `given` equals any of `digests`, in constant time: every digest is
 * compared, so timing tells neither how much of a guess was right nor which
 * one matched.
 */
export function digestIn(given: ArrayBuffer, digests: ArrayBuffer[]): boolean {
  let ok = false
  for (const digest of digests) {
    if (digest.byteLength === given.byteLength && crypto.subtle.timingSafeEqual(given, digest)) {
      ok = true
    }
  }
  return ok
}

/** The token of an `Authorization: Bearer <token>` header, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer +([\x21-\x7e]+) *$/i.exec(header ?? '')?.[1]
}
