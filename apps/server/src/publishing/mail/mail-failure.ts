import { NodeError } from '@zhiliu/nodes'

/** What nodemailer puts on its errors: its own code, the socket's code, which timeout, and the server's reply. */
interface SmtpError {
  code?: string
  originalCode?: string
  timeoutType?: string
  command?: string
  responseCode?: number
  response?: string
}

// nodemailer labels every socket failure with the command `CONN`, whatever was in flight, so the command cannot
// tell whether the message had been handed over. These can: they only happen before a session exists, or before
// MAIL FROM.
const SETUP_CODES: ReadonlySet<string> = new Set([
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EENVELOPE',
  'ECONFIG',
  'EREQUIRETLS',
])
const SETUP_TIMEOUTS: ReadonlySet<string> = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
])
// Socket errors that mean no connection was made at all.
const NO_CONNECTION: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
])

export interface MailFailure {
  error: NodeError
  /** True when the message surely did not go out, so the step's claim may be released and a retry may send. */
  notSent: boolean
}

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text)

/**
 * Sorts a failed send. An SMTP reply code is the server's own word: 4xx means "later" (retryable), 5xx "never"
 * (not); either way it did not take the message. Without a reply, only a failure while setting up proves nothing went
 * out; a connection lost later might have delivered the message, so that step is not repeated automatically.
 */
export function mailFailure(err: unknown, host: string): MailFailure {
  if (err instanceof NodeError) return { error: err, notSent: true }
  const e: SmtpError = typeof err === 'object' && err !== null ? (err as SmtpError) : {}
  const reply = e.response ? clip(e.response) : ''
  const details = {
    code: e.code,
    socketCode: e.originalCode,
    command: e.command,
    responseCode: e.responseCode,
    response: reply || undefined,
  }
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    const error = new NodeError(
      'CREDENTIAL_INVALID',
      `The mail server ${host} refused the user name or password`,
      {
        details,
        cause: err,
      },
    )
    return { error, notSent: true }
  }
  if (e.code === 'ETLS') {
    const error = new NodeError(
      'PUBLISH_TLS_FAILED',
      `Could not encrypt the connection to ${host} as the credential asks (${e.response ? clip(e.response) : 'TLS failed'}); ` +
        'nothing was sent. Check the port and the encryption setting.',
      { details, cause: err },
    )
    return { error, notSent: true }
  }
  const code = e.responseCode
  if (code !== undefined && code >= 400 && code < 600) {
    const later = code < 500
    const error = new NodeError(
      later ? 'PUBLISH_RETRY_LATER' : 'PUBLISH_REFUSED',
      `The mail server ${host} ${later ? 'asked to try again later' : 'refused the message'}: ${reply || code}`,
      { retryable: later, retryAfterMs: later ? 60_000 : undefined, details, cause: err },
    )
    return { error, notSent: true }
  }
  const notSent =
    SETUP_CODES.has(e.code ?? '') ||
    SETUP_TIMEOUTS.has(e.timeoutType ?? '') ||
    NO_CONNECTION.has(e.originalCode ?? '')
  if (notSent) {
    const why = err instanceof Error ? err.message : String(err)
    return {
      error: new NodeError('PUBLISH_NETWORK', `Could not send through ${host}: ${clip(why)}`, {
        retryable: e.code !== 'ETLS' && e.code !== 'ECONFIG',
        details,
        cause: err,
      }),
      notSent: true,
    }
  }
  return {
    error: new NodeError(
      'PUBLISH_OUTCOME_UNKNOWN',
      `The connection to ${host} broke off while sending, so the message may have been sent; it is not ` +
        'sent again automatically. Check the mailbox, then re-run this step if it did not arrive.',
      { details, cause: err },
    ),
    notSent: false,
  }
}
