/**
 * AES-256-GCM for the personal part of inquiries and leads. The LEADS_KEY
 * secret is a keyring, "v2:BASE64,v1:BASE64" (or one bare BASE64, which is
 * "v1"): the first key seals new records, every key can open old ones, so a
 * key rotates without re-encrypting the store. A keyring that names a
 * version twice or has a malformed entry is refused whole: guessing which
 * entry was meant could seal new leads with the wrong key.
 */
import * as v from 'valibot'
import { logEvent } from '../http/log.ts'
import { sha256Hex, toHex } from './sha256.ts'

export const Sealed = v.object({
  keyVersion: v.string(),
  /**
   * The key check value of the sealing key (see keyCheck); absent on records
   * sealed before it was kept. Tells a wrong key from a damaged record.
   */
  keyCheck: v.nullish(v.string()),
  /** base64, 12 random bytes, fresh for every record. */
  iv: v.string(),
  /** base64 ciphertext with the GCM tag. */
  ciphertext: v.string(),
})
export type Sealed = v.InferOutput<typeof Sealed>

interface KeyVersion {
  key: CryptoKey
  check: string
  /** HMAC-SHA-256 key derived from this version with HKDF: fingerprints, never encryption. */
  fingerprint: CryptoKey
  /** This version as HKDF input, for the other keyed MACs (macFor). */
  material: CryptoKey
}

interface Keyring {
  current: { version: string } & KeyVersion
  byVersion: Map<string, KeyVersion>
}

/** The keyring cannot open what it should: the operator's to fix, never the record's fault. */
export class KeyringError extends Error {
  override name = 'KeyringError'
}

const VERSION = /^[A-Za-z0-9_-]{1,32}$/

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * A key check value: 8 bytes of SHA-256 over a fixed label and the key. It
 * names one key without revealing it, so a record sealed with another key of
 * the same version label is reported as a wrong key, not as damaged.
 */
async function keyCheck(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = new TextEncoder().encode('clinic-compare LEADS_KEY check\0')
  const input = new Uint8Array(label.length + raw.length)
  input.set(label)
  input.set(raw, label.length)
  return (await sha256Hex(input)).slice(0, 16)
}

const FINGERPRINT_LABEL = 'clinic-compare idempotency body fingerprint'

/**
 * An HMAC key for one purpose: HKDF-SHA-256 from the LEADS_KEY version,
 * with the purpose's own label, so it is neither the encryption key nor
 * computable without the secret, and no two purposes share a key.
 */
function derivedMacKey(material: CryptoKey, label: string): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(32),
      info: new TextEncoder().encode(label),
    },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  )
}

/** The keyed MACs besides body fingerprints, each under its own derived key. */
export const MAC_PURPOSES = {
  /** The family's receipt secret, from the inquiry id (worker/family/receipt.ts). */
  receipt: 'clinic-compare receipt link',
  /** The normalised email beside a lead, for a family who asks by email (worker/family/email-mac.ts). */
  email: 'clinic-compare email match',
} as const

const purposeKeys = new WeakMap<CryptoKey, Map<string, Promise<CryptoKey>>>()

/**
 * HMAC-SHA-256 of `text` for `purpose` under the key version `version` (the
 * current one when absent); undefined when the keyring no longer holds it.
 */
export async function macFor(
  secret: string,
  purpose: keyof typeof MAC_PURPOSES,
  text: string,
  version?: string,
): Promise<{ keyVersion: string; mac: Uint8Array<ArrayBuffer> } | undefined> {
  const keyring = await keyringFor(secret)
  const keyVersion = version ?? keyring.current.version
  const entry = keyring.byVersion.get(keyVersion)
  if (!entry) return undefined
  let keys = purposeKeys.get(entry.material)
  if (!keys) {
    keys = new Map()
    purposeKeys.set(entry.material, keys)
  }
  let key = keys.get(purpose)
  if (!key) {
    key = derivedMacKey(entry.material, MAC_PURPOSES[purpose])
    keys.set(purpose, key)
  }
  const mac = await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(text))
  return { keyVersion, mac: new Uint8Array(mac) }
}

/** Every key version of the keyring, newest first: a MAC made under any may be matched. */
export async function keyVersions(secret: string): Promise<string[]> {
  return [...(await keyringFor(secret)).byVersion.keys()]
}

/**
 * HMAC-SHA-256 of `text` with the fingerprint key of `version` (the current
 * one when absent), as hex; undefined when the keyring no longer holds that version.
 */
export async function fingerprint(
  secret: string,
  text: string,
  version?: string,
): Promise<{ keyVersion: string; mac: string } | undefined> {
  const keyring = await keyringFor(secret)
  const keyVersion = version ?? keyring.current.version
  const entry = keyring.byVersion.get(keyVersion)
  if (!entry) return undefined
  const mac = await crypto.subtle.sign('HMAC', entry.fingerprint, new TextEncoder().encode(text))
  return { keyVersion, mac: toHex(mac) }
}

async function importKeyring(secret: string): Promise<Keyring> {
  const parts = (secret ?? '').split(',').map((part) => part.trim())
  if (parts.some((part) => part === '') && parts.length > 1)
    throw new KeyringError('LEADS_KEY has an empty entry')
  const entries = parts.filter(Boolean).map((part) => {
    const separator = part.indexOf(':')
    return separator === -1
      ? { version: 'v1', material: part }
      : { version: part.slice(0, separator), material: part.slice(separator + 1) }
  })
  const byVersion = new Map<string, KeyVersion>()
  for (const [n, { version, material }] of entries.entries()) {
    if (!VERSION.test(version))
      throw new KeyringError(`LEADS_KEY entry ${n + 1} has no valid version label`)
    if (byVersion.has(version)) throw new KeyringError(`LEADS_KEY names version ${version} twice`)
    let raw: Uint8Array<ArrayBuffer>
    try {
      raw = fromBase64(material)
    } catch {
      throw new KeyringError(`LEADS_KEY ${version} is not base64`)
    }
    if (raw.length !== 32) throw new KeyringError(`LEADS_KEY ${version} is not 32 bytes`)
    const hkdf = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey'])
    byVersion.set(version, {
      key: await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
      check: await keyCheck(raw),
      fingerprint: await derivedMacKey(hkdf, FINGERPRINT_LABEL),
      material: hkdf,
    })
  }
  const [first] = entries
  const current = first && byVersion.get(first.version)
  if (!first || !current) throw new KeyringError('LEADS_KEY is empty')
  return { current: { version: first.version, ...current }, byVersion }
}

/**
 * One import per secret value. A refused keyring stays refused (and is
 * logged once) until the secret changes, which makes it a new entry.
 */
const keyrings = new Map<string, Promise<Keyring>>()

export function keyringFor(secret: string): Promise<Keyring> {
  let keyring = keyrings.get(secret)
  if (!keyring) {
    keyring = importKeyring(secret)
    keyrings.set(secret, keyring)
    keyring.catch((error: unknown) => {
      logEvent('error', 'leads_key.refused', {
        reason: error instanceof KeyringError ? error.message : 'import failed',
      })
    })
  }
  return keyring
}

/** Why the keyring is refused, or undefined when it is usable. */
export async function keyringProblem(secret: string): Promise<string | undefined> {
  try {
    await keyringFor(secret)
    return undefined
  } catch (error) {
    return error instanceof KeyringError ? error.message : 'LEADS_KEY cannot be imported'
  }
}

/**
 * Whether this keyring can open a record sealed with `keyVersion` (and the
 * key check, when the record kept one): a KeyringError names what is wrong.
 */
export function keyFor(
  keyring: Keyring,
  sealed: Pick<Sealed, 'keyVersion' | 'keyCheck'>,
): CryptoKey {
  const entry = keyring.byVersion.get(sealed.keyVersion)
  if (!entry) throw new KeyringError(`No LEADS_KEY with version ${sealed.keyVersion}`)
  if (sealed.keyCheck && sealed.keyCheck !== entry.check)
    throw new KeyringError(
      `LEADS_KEY ${sealed.keyVersion} is not the key these records were sealed with`,
    )
  return entry.key
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
    keyCheck: current.check,
    iv: iv.toBase64(),
    ciphertext: new Uint8Array(ciphertext).toBase64(),
  }
}

/** Decrypts a sealed record; a KeyringError if the key is unknown or wrong, another error if the record or context was altered. */
export async function open(secret: string, sealed: Sealed, context: string): Promise<string> {
  const key = keyFor(await keyringFor(secret), sealed)
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
