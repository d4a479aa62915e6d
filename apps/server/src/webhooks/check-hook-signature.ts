import { ApiError } from '../http/api-error.ts'
import type { ReplayGuard } from '../security/replay-guard.ts'
import { verifyWebhook, WebhookSignatureError } from '../security/webhook-signature.ts'

/**
 * Standard Webhooks verification for a trigger with `signing` on: 401 SIGNATURE_MISSING, SIGNATURE_INVALID,
 * SIGNATURE_STALE (more than 5 minutes from now) or SIGNATURE_REPLAYED (a webhook-id already accepted for the flow, by
 * this process or, with REDIS_URL, any other within the tolerance window). The replay check runs only after the signature verified, so nobody
 * can burn ids they could not sign.
 */
export async function checkHookSignature(input: {
  flowId: string
  secret: string | undefined
  headers: Headers
  body: Uint8Array
  now: number
  replays: ReplayGuard
}): Promise<void> {
  if (input.secret === undefined) {
    throw new ApiError(
      401,
      'SIGNATURE_INVALID',
      'This webhook requires signed calls but no secret was created yet: POST /api/flows/{id}/webhook-secret',
    )
  }
  let id: string
  try {
    id = verifyWebhook({ secret: input.secret, headers: input.headers, body: input.body, now: input.now }).id
  } catch (error) {
    if (error instanceof WebhookSignatureError) throw new ApiError(401, error.code, error.message)
    throw error
  }
  if (await input.replays.seen(`${input.flowId}:${id}`, input.now)) {
    throw new ApiError(
      401,
      'SIGNATURE_REPLAYED',
      `The webhook-id "${id.slice(0, 100)}" was already delivered`,
    )
  }
}
