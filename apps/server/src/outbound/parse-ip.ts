import { isIPv4, isIPv6 } from 'node:net'

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array

/**
 * Parses a literal IP address (optionally bracketed, optionally with an IPv6 zone) into bytes, or `undefined` when
 * the text is not an IP literal. Only canonical dotted-quad IPv4 is accepted: the WHATWG URL parser has already
 * turned `2130706433`, `0x7f.1` and `017700000001` into `127.0.0.1`, and resolvers return dotted quads.
 */
export function parseIp(text: string): IpBytes | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').split('%')[0] ?? ''
  if (isIPv4(bare)) return parseIpv4(bare)
  if (isIPv6(bare)) return parseIpv6(bare)
  return undefined
}

function parseIpv4(text: string): IpBytes {
  return Uint8Array.from(text.split('.'), Number)
}

function parseIpv6(text: string): IpBytes {
  let hex = text
  // A trailing dotted quad (`::ffff:127.0.0.1`) stands for the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(hex)?.[1]
  if (quad) {
    const b = parseIpv4(quad)
    hex = `${hex.slice(0, -quad.length)}${group(b[0], b[1])}:${group(b[2], b[3])}`
  }
  const [head = '', tail] = hex.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  const bytes = new Uint8Array(16)
  ;[...left, ...zeros, ...right].forEach((g, i) => {
    const value = Number.parseInt(g, 16)
    bytes[i * 2] = value >> 8
    bytes[i * 2 + 1] = value & 0xff
  })
  return bytes
}

function group(hi = 0, lo = 0): string {
  return ((hi << 8) | lo).toString(16)
}
