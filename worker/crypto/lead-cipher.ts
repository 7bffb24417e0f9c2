/**
 * AES-256-GCM for the personal part of inquiries and leads. The LEADS_KEY
 * secret is a keyring, "v2:BASE64,v1:BASE64" (or one bare BASE64, which is
 * "v1"): the first key seals new records, every key can open old ones, so a
 * key rotates without re-encrypting the store.
 */

export interface Sealed {
  keyVersion: string
  /** base64, 12 random bytes, fresh for every record. */
  iv: string
  /** base64 ciphertext with the GCM tag. */
  ciphertext: string
}

interface Keyring {
  current: { version: string; key: CryptoKey }
  byVersion: Map<string, CryptoKey>
}

export class KeyringError extends Error {
  override name = 'KeyringError'
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

async function importKeyring(secret: string): Promise<Keyring> {
  const entries = secret
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const separator = part.indexOf(':')
      return separator === -1
        ? { version: 'v1', material: part }
        : { version: part.slice(0, separator), material: part.slice(separator + 1) }
    })
  const byVersion = new Map<string, CryptoKey>()
  for (const { version, material } of entries) {
    let raw: Uint8Array<ArrayBuffer>
    try {
      raw = fromBase64(material)
    } catch {
      throw new KeyringError(`LEADS_KEY ${version} is not base64`)
    }
    if (raw.length !== 32) throw new KeyringError(`LEADS_KEY ${version} is not 32 bytes`)
    byVersion.set(
      version,
      await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
    )
  }
  const [first] = entries
  const currentKey = first && byVersion.get(first.version)
  if (!first || !currentKey) throw new KeyringError('LEADS_KEY is empty')
  return { current: { version: first.version, key: currentKey }, byVersion }
}

const keyrings = new Map<string, Promise<Keyring>>()

function keyringFor(secret: string): Promise<Keyring> {
  let keyring = keyrings.get(secret)
  if (!keyring) {
    keyring = importKeyring(secret)
    keyrings.set(secret, keyring)
    keyring.catch(() => keyrings.delete(secret))
  }
  return keyring
}

/** Encrypts with the current key; `context` (the record id) is bound as associated data. */
export async function seal(secret: string, plaintext: string, context: string): Promise<Sealed> {
  const { current } = await keyringFor(secret)
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    current.key,
    new TextEncoder().encode(plaintext),
  )
  return {
    keyVersion: current.version,
    iv: toBase64(iv),
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  }
}

/** Decrypts a sealed record; throws if the key is unknown or the record or context was altered. */
export async function open(secret: string, sealed: Sealed, context: string): Promise<string> {
  const { byVersion } = await keyringFor(secret)
  const key = byVersion.get(sealed.keyVersion)
  if (!key) throw new KeyringError(`No LEADS_KEY with version ${sealed.keyVersion}`)
  const plaintext = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: fromBase64(sealed.iv),
      additionalData: new TextEncoder().encode(context),
    },
    key,
    fromBase64(sealed.ciphertext),
  )
  return new TextDecoder().decode(plaintext)
}
