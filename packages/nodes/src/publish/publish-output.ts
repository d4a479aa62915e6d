import { z } from 'zod'

/** What every IM bot publish reports: where it went, exactly what was sent (secrets removed), and the reply. */
export const botOutput = <P extends string>(platform: P) =>
  z.object({
    platform: z.literal(platform),
    /** The request body as sent, with any signature replaced by `[redacted]`. */
    sent: z.record(z.string(), z.unknown()),
    /** The platform's parsed reply, e.g. `{ "errcode": 0, "errmsg": "ok" }`. */
    response: z.record(z.string(), z.unknown()),
    /** The platform's id for the message, when its reply carries one (custom bots usually do not). */
    messageId: z.string().optional(),
  })

export const REDACTED = '[redacted]'
