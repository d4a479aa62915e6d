import { toBase64 } from '../base64.ts'
import { hmacSha256 } from './web-crypto.ts'

/**
 * DingTalk's 加签: `sign = urlEncode(base64(HMAC-SHA256(key = secret, "${timestamp}\n${secret}")))` with the
 * timestamp in milliseconds, both added to the webhook address as query parameters. DingTalk refuses a timestamp
 * more than an hour from its clock. `searchParams.set` does the URL encoding (`+`, `/` and `=` escaped).
 */
export async function signDingtalkUrl(url: URL, secret: string, nowMs: number): Promise<URL> {
  const timestamp = String(Math.floor(nowMs))
  const sign = toBase64(await hmacSha256(secret, `${timestamp}\n${secret}`))
  const signed = new URL(url)
  signed.searchParams.set('timestamp', timestamp)
  signed.searchParams.set('sign', sign)
  return signed
}
