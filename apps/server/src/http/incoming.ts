import { IncomingMessage } from 'node:http'

/** The node:http request behind a Hono context, when the app runs on @hono/node-server (not in `app.request`). */
export function incomingOf(env: unknown): IncomingMessage | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined
  return env.incoming instanceof IncomingMessage ? env.incoming : undefined
}

/**
 * The address the connection came from. Not `X-Forwarded-For`: any caller can write that header, so a limit keyed
 * on it could be dodged at will. Behind a reverse proxy every caller shares the proxy's address.
 */
export function clientAddress(env: unknown): string {
  return incomingOf(env)?.socket.remoteAddress ?? 'unknown'
}
