/** SHA-256 of text or bytes. */
export async function sha256(input: string | Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.digest(
    'SHA-256',
    typeof input === 'string' ? new TextEncoder().encode(input) : input,
  )
}

/** Bytes as lowercase hex, as `sha256sum` prints a digest. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return (bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toHex()
}

export async function sha256Hex(input: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await sha256(input))
}
