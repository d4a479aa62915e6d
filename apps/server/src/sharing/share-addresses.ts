import { networkInterfaces } from 'node:os'

type Interfaces = ReturnType<typeof networkInterfaces>

// A constant (the HOST values that mean every interface), not state: nothing here is kept between requests.
const ANY = new Set(['', '0.0.0.0', '::', '[::]'])

/**
 * Where students can reach this server, best first: ZHILIU_PUBLIC_URL when set; otherwise the non-loopback
 * addresses of this machine the server listens on (`HOST`: all of them for 0.0.0.0/::, IPv4 first: a phone on the
 * hall's Wi-Fi knows no name for the laptop, and IPv4 is what such networks hand out), with the port and scheme the
 * request came in on; the request's own origin when there is no such address (no network, or a server listening on
 * loopback only, which no phone could reach anyway).
 */
export function shareOrigins(
  publicUrl: string | undefined,
  requestUrl: string,
  interfaces: Interfaces,
  listenHost = '0.0.0.0',
): string[] {
  if (publicUrl) return [publicUrl.replace(/\/+$/, '')]
  const request = new URL(requestUrl)
  const port = request.port ? `:${request.port}` : ''
  const found = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !(a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')))
    .filter((a) => ANY.has(listenHost) || a.address === listenHost)
    .sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1))
    .map((a) => `${request.protocol}//${a.family === 'IPv6' ? `[${a.address}]` : a.address}${port}`)
  const unique = [...new Set(found)]
  return unique.length > 0 ? unique : [request.origin]
}

export const machineInterfaces = (): Interfaces => networkInterfaces()
