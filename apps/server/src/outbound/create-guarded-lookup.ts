import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { blockedAddressReason } from './blocked-address-reason.ts'
import { outboundError } from './outbound-error.ts'

/**
 * Wraps a resolver so that a socket only ever connects to public addresses. It runs at connect time, on the very
 * addresses the socket will use, so a name that resolves to a public address when checked and to 127.0.0.1 when
 * used (DNS rebinding) cannot slip through. Blocked addresses are dropped; if none remain, the connect fails with
 * `OUTBOUND_BLOCKED`, naming the host and the kind of address but not the address itself.
 */
export function createGuardedLookup(lookup: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, result, family) => {
      if (err) return callback(err, '')
      const resolved: LookupAddress[] = Array.isArray(result)
        ? result
        : [{ address: result, family: family ?? (result.includes(':') ? 6 : 4) }]
      const allowed = resolved.filter((entry) => blockedAddressReason(entry.address) === undefined)
      const first = allowed[0]
      if (!first) {
        const reason = resolved[0] ? blockedAddressReason(resolved[0].address) : 'no address'
        return callback(
          outboundError('OUTBOUND_BLOCKED', `Request to ${hostname} blocked: it resolves to ${reason}`),
          '',
        )
      }
      if (options.all) return callback(null, allowed)
      callback(null, first.address, first.family)
    })
  }
}
