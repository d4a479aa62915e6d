import type { Store } from '@zhiliu/db'
import { type MailReceipt, type MailRequest, NodeError } from '@zhiliu/nodes'
import { z } from 'zod'
import { mailFailure } from './mail-failure.ts'
import { mailMessageId } from './message-id.ts'
import { resolveMailHost } from './resolve-mail-host.ts'

const Sent = z.object({ messageId: z.string(), accepted: z.array(z.string()), rejected: z.array(z.string()) })

export interface MailSender {
  store: Store
  ownerId: string
  /** ZHILIU_ALLOW_HOSTS: private mail relays that may be reached. */
  allowHosts: readonly string[]
  now: () => number
}

/**
 * Sends once per key. The key is claimed before connecting and the result recorded after, so a retry or a resumed
 * run answers from the record. A claim still pending means an earlier attempt stopped without a verdict: that
 * attempt may have delivered, so this one refuses rather than risk a second copy in every inbox.
 */
export async function sendPublishedMail(
  sender: MailSender,
  mail: MailRequest,
  signal: AbortSignal,
): Promise<MailReceipt> {
  const { store, ownerId } = sender
  const { smtp } = mail
  const messageId = mailMessageId(mail.key, smtp.from)
  const claim = await store.claimPublish({ key: mail.key, kind: 'mail', ownerId, now: sender.now() })
  if (claim.status === 'done') return { ...Sent.parse(claim.result), duplicate: true }
  if (claim.status === 'pending') {
    throw new NodeError(
      'PUBLISH_OUTCOME_UNKNOWN',
      `An earlier attempt of this step stopped while sending (Message-ID ${messageId}), so the e-mail may have gone ` +
        'out; it is not sent again automatically. Check the mailbox, then re-run this step if it did not arrive.',
      { details: { messageId, since: claim.since } },
    )
  }
  let sending = false
  try {
    signal.throwIfAborted()
    const target = await resolveMailHost(smtp.host, smtp.port, sender.allowHosts)
    // Loaded on the first e-mail, not at startup: most servers never send one.
    const { default: nodemailer } = await import('nodemailer')
    const transport = nodemailer.createTransport({
      host: target.host,
      port: smtp.port,
      secure: smtp.secure === 'tls',
      requireTLS: smtp.secure === 'starttls',
      ignoreTLS: smtp.secure === 'none',
      tls: { servername: target.servername, minVersion: 'TLSv1.2' },
      auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // Bodies are our own strings: never let a value read a file or fetch a URL on the server's behalf.
      disableFileAccess: true,
      disableUrlAccess: true,
    })
    sending = true
    const info = await untilAborted(
      transport.sendMail({
        from: smtp.from,
        to: mail.to,
        cc: mail.cc.length > 0 ? mail.cc : undefined,
        subject: mail.subject,
        html: mail.html || undefined,
        text: mail.text || undefined,
        messageId,
      }),
      signal,
    )
    const sent = { messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) }
    await store.finishPublish(mail.key, sent, sender.now())
    return { ...sent, duplicate: false }
  } catch (err) {
    // The caller's abort (timeout, cancel, shutdown) stays what it is. Once the send had started, nobody knows whether
    // it went out, so the claim stays pending.
    if (signal.aborted && err === signal.reason) {
      if (!sending) await store.releasePublish(mail.key)
      throw err
    }
    const failure = mailFailure(err, smtp.host)
    if (failure.notSent) await store.releasePublish(mail.key)
    throw failure.error
  }
}

/** nodemailer cannot be cancelled mid-send; the step stops waiting, and the pending claim blocks a blind retry. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
