import type { NodeContext } from '../context.ts'
import type { BotReplyFormat } from './bot-reply-formats.ts'
import { checkBotReply } from './check-bot-reply.ts'
import { sendPublishRequest } from './send-publish-request.ts'

export interface BotMessage<P extends string> {
  platform: P
  url: URL
  body: Record<string, unknown>
  /** `body` as it may be stored and shown: signatures removed. */
  redacted: Record<string, unknown>
  format: BotReplyFormat
}

/**
 * Sends one bot message. IM bots offer no idempotency API, so exactly-once rests on two things: the engine never
 * re-runs a node that already succeeded (a resumed run keeps its result), and a send that may have arrived is never
 * repeated automatically (see `sendFailure` and `checkHttpStatus`). Only replies that say "not sent, try later" are
 * retried.
 */
export async function sendBotMessage<P extends string>(ctx: NodeContext, message: BotMessage<P>) {
  const reply = await sendPublishRequest(ctx, {
    url: message.url,
    body: JSON.stringify(message.body),
    idempotent: false,
  })
  const response = checkBotReply(reply, message.format)
  const messageId = findMessageId(response)
  return {
    platform: message.platform,
    sent: message.redacted,
    response,
    ...(messageId ? { messageId } : {}),
  }
}

/** Feishu puts a message id under `data` in some replies; WeCom and DingTalk custom bots return none. */
function findMessageId(response: Record<string, unknown>): string | undefined {
  const data = response.data
  if (typeof data !== 'object' || data === null) return undefined
  const id = 'message_id' in data ? data.message_id : undefined
  return typeof id === 'string' && id ? id : undefined
}
