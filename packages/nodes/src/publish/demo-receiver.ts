import type { DemoRequest, NodeContext } from '../context.ts'
import { toText } from '../definitions/to-text.ts'

/**
 * The credential value that sends to the built-in demo receiver (演示接收端) instead of a real group chat or
 * mailbox: a class runs a template to the end offline, and the message shows in Zhiliu, labelled as a demo.
 * No stored credential has this id (theirs are UUIDs).
 */
export const DEMO_RECEIVER = 'demo-receiver'

export const isDemoReceiver = (credential: unknown): boolean => credential === DEMO_RECEIVER

type DemoView = Pick<DemoRequest, 'channel' | 'format'> & { title?: unknown; body: unknown }

/** Keeps the message for the demo receiver, once per node execution (its idempotency key). */
export function sendToDemo(ctx: NodeContext, view: DemoView) {
  return ctx.publish.sendDemo({
    key: ctx.idempotencyKey,
    runId: ctx.runId,
    channel: view.channel,
    title: toText(view.title ?? '').trim(),
    body: toText(view.body),
    format: view.format,
  })
}

/** What a bot publish node outputs for a demo send, in the shape of a real one (`botOutput`). */
export async function sendBotToDemo<P extends 'wecom' | 'dingtalk' | 'feishu'>(
  ctx: NodeContext,
  platform: P,
  sent: Record<string, unknown>,
  view: Omit<DemoView, 'channel'>,
) {
  const receipt = await sendToDemo(ctx, { ...view, channel: platform })
  return { platform, sent, response: { demo: true, duplicate: receipt.duplicate }, messageId: receipt.id }
}
