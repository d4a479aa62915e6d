import { toBase64 } from '../base64.ts'
import { hmacSha256 } from './web-crypto.ts'

/**
 * Feishu's 签名校验: `sign = base64(HMAC-SHA256(key = "${timestamp}\n${secret}", message = ""))` with the timestamp
 * in seconds, both sent in the JSON body. Note the key is the timestamp and secret and the message is empty, the
 * reverse of DingTalk. Feishu refuses a timestamp more than an hour from its clock (code 19021).
 */
export async function signFeishu(
  secret: string,
  nowMs: number,
): Promise<{ timestamp: string; sign: string }> {
  const timestamp = String(Math.floor(nowMs / 1000))
  return { timestamp, sign: toBase64(await hmacSha256(`${timestamp}\n${secret}`, '')) }
}
