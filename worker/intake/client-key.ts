/**
 * The rate-limit key of a client address. An IPv4 address is one client; an
 * IPv6 client is its /64, the smallest prefix a provider hands one household
 * or phone, so rotating the last 64 bits (billions of addresses) is still one
 * client. Anything that is not an address is kept as it came, cut short.
 */
export function clientKey(address: string): string {
  const ip = address.trim().toLowerCase()
  if (!ip.includes(':')) return ip.slice(0, 64)
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip)
  if (mapped?.[1]) return mapped[1]
  const hextets = expandIpv6(ip)
  return hextets ? `${hextets.slice(0, 4).join(':')}::/64` : ip.slice(0, 64)
}

/** The eight hextets of an IPv6 address without a zone, or null when it is not one. */
function expandIpv6(ip: string): string[] | null {
  const halves = ip.replace(/%.*$/, '').split('::')
  if (halves.length > 2) return null
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null
  const all = [...head, ...Array.from({ length: missing }, () => '0'), ...tail]
  if (!all.every((h) => /^[0-9a-f]{1,4}$/.test(h))) return null
  return all.map((h) => h.replace(/^0+(?=.)/, ''))
}
