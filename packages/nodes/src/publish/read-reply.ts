import type { PublishReply } from './send-publish-request.ts'

const MAX_TEXT = 2000

/** A receiver's reply for the run log: parsed when it says it is JSON, otherwise its text, cut to a readable size. */
export function readReply(reply: PublishReply): unknown {
  if (/\bjson\b/i.test(reply.headers.get('content-type') ?? '') && reply.text) {
    try {
      return JSON.parse(reply.text)
    } catch {
      // Falls through to the text: a receiver that mislabels its reply should not fail a delivery that succeeded.
    }
  }
  return reply.text.length > MAX_TEXT ? `${reply.text.slice(0, MAX_TEXT)}…` : reply.text
}
