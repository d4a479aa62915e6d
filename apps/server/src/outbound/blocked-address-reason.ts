import { type IpBytes, parseIp } from './parse-ip.ts'

type Range = readonly [prefix: readonly number[], bits: number, reason: string]

// IANA special-purpose IPv4 ranges that are not globally reachable, plus multicast and the reserved 240/4.
const IPV4_BLOCKED: readonly Range[] = [
  [[0], 8, 'an unspecified ("this network") address'],
  [[10], 8, 'a private network address'],
  [[100, 64], 10, 'a carrier-grade NAT address'],
  [[127], 8, 'a loopback address'],
  [[169, 254], 16, 'a link-local address (cloud metadata lives here)'],
  [[172, 16], 12, 'a private network address'],
  [[192, 0, 0], 24, 'a reserved address'],
  [[192, 0, 2], 24, 'a documentation address'],
  [[192, 88, 99], 24, 'a reserved address'],
  [[192, 168], 16, 'a private network address'],
  [[198, 18], 15, 'a benchmarking address'],
  [[198, 51, 100], 24, 'a documentation address'],
  [[203, 0, 113], 24, 'a documentation address'],
  [[224], 4, 'a multicast address'],
  [[240], 4, 'a reserved address'],
]

// Forms that carry an IPv4 address in their last 32 bits: judged by the address they embed.
const IPV6_EMBEDDING_V4: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96, 'IPv4-mapped'],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], 96, 'IPv4-translated'],
  [[0, 0x64, 0xff, 0x9b], 96, 'NAT64'],
]

// Only global unicast (2000::/3) can be public; inside it, these are not.
const IPV6_BLOCKED_IN_GLOBAL: readonly Range[] = [
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'a documentation address'],
  [[0x20, 0x01], 23, 'a reserved address'],
  [[0x3f, 0xff], 20, 'a documentation address'],
]

const IPV6_NAMED: readonly Range[] = [
  [[], 128, 'an unspecified address'],
  [[...Array<number>(15).fill(0), 1], 128, 'a loopback address'],
  [[0xfc], 7, 'a unique local (private) address'],
  [[0xfe, 0x80], 10, 'a link-local address'],
  [[0xff], 8, 'a multicast address'],
]

/**
 * Why an outbound request must not reach this IP address, or `undefined` when it is public. Throws no errors:
 * text that is not an IP literal is reported as not an address.
 */
export function blockedAddressReason(ip: string): string | undefined {
  const bytes = parseIp(ip)
  if (!bytes) return 'not an IP address'
  return bytes.length === 4 ? ipv4Reason(bytes) : ipv6Reason(bytes)
}

function ipv4Reason(bytes: IpBytes): string | undefined {
  return IPV4_BLOCKED.find(([prefix, bits]) => inRange(bytes, prefix, bits))?.[2]
}

function ipv6Reason(bytes: IpBytes): string | undefined {
  const embedding = IPV6_EMBEDDING_V4.find(([prefix, bits]) => inRange(bytes, prefix, bits))
  if (embedding) return embeddedReason(bytes.subarray(12), embedding[2])
  // 6to4 (2002::/16) carries the IPv4 address in bits 16..48.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return embeddedReason(bytes.subarray(2, 6), '6to4')
  const named = IPV6_NAMED.find(([prefix, bits]) => inRange(bytes, prefix, bits))
  if (named) return named[2]
  if (((bytes[0] ?? 0) & 0xe0) !== 0x20) return 'a reserved address'
  return IPV6_BLOCKED_IN_GLOBAL.find(([prefix, bits]) => inRange(bytes, prefix, bits))?.[2]
}

function embeddedReason(v4: IpBytes, form: string): string | undefined {
  const reason = ipv4Reason(v4)
  return reason && `${reason} (${form})`
}

function inRange(bytes: IpBytes, prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const i = bit / 8
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false
  }
  return true
}
