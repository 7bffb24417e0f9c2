import { sha256, sha256Hex } from '../crypto/sha256.ts'

/**
 * One entry of COORDINATOR_TOKENS. `LABEL:TOKEN` names who holds the token
 * (`ana:9f…`): the label, never the token, is what the read log keeps, and a
 * rotated token keeps its holder's label. A bare token is labelled
 * `token-` and 8 hex digits of its SHA-256, which names it without
 * helping anyone guess it. Tokens are base64 or hex, which never hold `:`.
 */
export interface LabelledToken {
  label: string
  token: string
}

const LABELLED = /^([a-z0-9][a-z0-9_-]{0,31}):(.+)$/i

export function splitLabelledTokens(list: string | undefined): { label?: string; token: string }[] {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = LABELLED.exec(entry)
      return match ? { label: match[1] ?? '', token: match[2] ?? '' } : { token: entry }
    })
}

export async function labelled(entry: { label?: string; token: string }): Promise<LabelledToken> {
  return {
    token: entry.token,
    label: entry.label ?? `token-${(await sha256Hex(entry.token)).slice(0, 8)}`,
  }
}

/**
 * The label of the token `candidate` equals, in constant time: every digest
 * is compared, so timing tells neither how much of a guess was right nor
 * which token matched.
 */
export async function labelOf(
  candidate: string,
  tokens: LabelledToken[],
): Promise<string | undefined> {
  const given = await sha256(candidate)
  const digests = await Promise.all(tokens.map((t) => sha256(t.token)))
  let found: string | undefined
  for (const [i, digest] of digests.entries()) {
    const same = crypto.subtle.timingSafeEqual(given, digest)
    if (same) found = tokens[i]?.label
  }
  return found
}
