/**
 * The few hashing and encoding steps the publish nodes need, on Web Crypto so that `@zhiliu/nodes` stays
 * browser-safe: `globalThis.crypto.subtle` exists in browsers and in every Node version we support.
 */
const encoder = new TextEncoder()

const asBytes = (value: string | Uint8Array): Uint8Array<ArrayBuffer> =>
  typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value)

export async function hmacSha256(key: string | Uint8Array, message: string): Promise<Uint8Array> {
  const cryptoKey = await globalThis.crypto.subtle.importKey(
    'raw',
    asBytes(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, asBytes(message)))
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', asBytes(text)))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length
}
