import type { Socket } from 'node:net'
import { SMTPServer, type SMTPServerSession } from 'smtp-server'
import { type DecodedMail, decodeMail } from './decode-mail.ts'

export interface ReceivedMail extends DecodedMail {
  /** The envelope, as given in MAIL FROM and RCPT TO. */
  from: string
  rcptTo: string[]
  /** The user that authenticated, if any. */
  user: string | undefined
  /** Whether the session was encrypted (it never is here: the fixture speaks plain SMTP only). */
  secure: boolean
}

/** How the fixture answers the next message: take it, refuse it with an SMTP code, or cut the line after DATA. */
export type SmtpAnswer = { code: number; message: string } | 'drop'

export interface FakeSmtp {
  host: '127.0.0.1'
  port: number
  received: ReceivedMail[]
  /** Answers for the next DATA commands, in order; then every message is taken. */
  answers: SmtpAnswer[]
  /** Recipients refused at RCPT TO with 550, as a real server refuses an unknown mailbox. */
  unknownMailboxes: Set<string>
  close(): Promise<void>
}

/**
 * Test fixture: a real SMTP server (nodemailer's smtp-server) on loopback that checks the login like a real one (535
 * for a wrong password, no mail without it when a user is set), refuses unknown mailboxes, and can refuse or cut off
 * a message on request. Plain SMTP only, without STARTTLS, so a client that insists on TLS fails against it.
 */
export async function startFakeSmtp(login?: { user: string; password: string }): Promise<FakeSmtp> {
  const received: ReceivedMail[] = []
  const answers: SmtpAnswer[] = []
  const unknownMailboxes = new Set<string>()
  const sockets = new Map<number, Socket>()
  const refuse = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code })
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: login === undefined,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.password) {
        return callback(null, { user: auth.username })
      }
      callback(refuse(535, 'Authentication credentials invalid'))
    },
    onRcptTo(address, _session, callback) {
      if (unknownMailboxes.has(address.address)) return callback(refuse(550, 'No such user here'))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const answer = answers.shift()
        if (answer === 'drop') {
          // The message arrived whole, but the client never hears so: the case where a retry would send twice.
          received.push(toReceived(Buffer.concat(chunks).toString('utf8'), session))
          sockets.get(session.remotePort)?.destroy()
          return
        }
        if (answer) return callback(refuse(answer.code, answer.message))
        received.push(toReceived(Buffer.concat(chunks).toString('utf8'), session))
        callback(null, 'Queued')
      })
    },
  })
  server.server.on('connection', (socket: Socket) => {
    if (socket.remotePort !== undefined) sockets.set(socket.remotePort, socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    host: '127.0.0.1',
    port,
    received,
    answers,
    unknownMailboxes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function toReceived(raw: string, session: SMTPServerSession): ReceivedMail {
  const envelope = session.envelope
  return {
    ...decodeMail(raw),
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    rcptTo: envelope.rcptTo.map((r) => r.address),
    user: typeof session.user === 'string' ? session.user : undefined,
    secure: session.secure,
  }
}
