import { blockedAddressReason } from './blocked-address-reason.ts'
import { outboundError } from './outbound-error.ts'
import { parseIp } from './parse-ip.ts'

export type Destination = 'trusted' | 'guarded'

/**
 * The checks that need no DNS: scheme, IP literals (already canonical, since the URL parser normalises numeric forms
 * like `2130706433` or `0x7f.1`) and `localhost` names. Hostnames are checked again at connect time.
 */
export function checkDestination(url: URL, isTrusted: (url: URL) => boolean): Destination {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw outboundError(
      'OUTBOUND_BLOCKED',
      `Request to ${url.protocol} URL blocked: only http and https are allowed`,
    )
  }
  // fetch refuses these too, but as a bare TypeError that would read as a retryable network failure.
  if (url.username || url.password) {
    throw outboundError(
      'OUTBOUND_INVALID_URL',
      `URL for ${url.host} carries credentials; send them in a header`,
    )
  }
  if (isTrusted(url)) return 'trusted'
  const host = url.hostname
  if (parseIp(host)) {
    const reason = blockedAddressReason(host)
    if (reason) throw outboundError('OUTBOUND_BLOCKED', `Request to ${host} blocked: it is ${reason}`)
    return 'guarded'
  }
  // RFC 6761: these names always mean this machine, whatever a resolver might claim.
  if (/(^|\.)localhost\.?$/.test(host)) {
    throw outboundError('OUTBOUND_BLOCKED', `Request to ${host} blocked: it names this machine`)
  }
  return 'guarded'
}
