import { NodeError } from '@zhiliu/nodes'
import { blockedAddressReason } from '../../outbound/blocked-address-reason.ts'
import { createGuardedLookup } from '../../outbound/create-guarded-lookup.ts'
import { createTrustCheck } from '../../outbound/create-trust-check.ts'
import { outboundError } from '../../outbound/outbound-error.ts'
import { parseIp } from '../../outbound/parse-ip.ts'

export interface MailHost {
  /** What to connect to: the checked address, or the name itself when ZHILIU_ALLOW_HOSTS lists it. */
  host: string
  /** The name the TLS certificate must carry when `host` is an address. */
  servername?: string
}

const guardedLookup = createGuardedLookup()

function lookupOnce(name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    guardedLookup(name, {}, (err, address) => {
      if (!err) return resolve(String(address))
      if (err instanceof NodeError) return reject(err)
      const temporary = err.code === 'EAI_AGAIN'
      reject(
        new NodeError('PUBLISH_NETWORK', `Mail server ${name} was not found (${err.code ?? err.message})`, {
          retryable: temporary,
          cause: err,
        }),
      )
    })
  })
}

/**
 * The same outbound rule as ctx.fetch, for SMTP: a mail server named in a credential must be a public address unless
 * ZHILIU_ALLOW_HOSTS lists it (an internal relay), so a credential cannot turn the server into a probe of its own
 * network. The name is resolved once, here, and the connection goes to that address, so DNS cannot change the
 * answer in between.
 */
export async function resolveMailHost(
  host: string,
  port: number,
  allowHosts: readonly string[],
): Promise<MailHost> {
  // Parsed as an http URL, so names and numeric addresses are normalised exactly as the fetch guard sees them.
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  let url: URL | undefined
  try {
    url = /^[^\s/?#@\\]+$/.test(host) ? new URL(`http://${bracketed}:${port}`) : undefined
  } catch {
    url = undefined
  }
  if (!url) {
    throw new NodeError('CREDENTIAL_INVALID', 'The SMTP credential\'s "host" is not a host name or address', {
      details: { credentialType: 'smtp', field: 'host' },
    })
  }
  const name = url.hostname
  const bare = name.replace(/^\[|\]$/g, '')
  if (createTrustCheck(allowHosts, [])(url)) return { host: bare }
  if (parseIp(bare)) {
    const reason = blockedAddressReason(bare)
    if (reason) throw outboundError('OUTBOUND_BLOCKED', `Mail server ${bare} blocked: it is ${reason}`)
    return { host: bare }
  }
  if (/(^|\.)localhost\.?$/.test(name)) {
    throw outboundError('OUTBOUND_BLOCKED', `Mail server ${name} blocked: it names this machine`)
  }
  return { host: await lookupOnce(name), servername: name }
}
