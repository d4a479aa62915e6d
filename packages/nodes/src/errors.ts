/**
 * The few error classes Zhiliu throws. Each carries a stable `code`; the server maps them to HTTP responses in one
 * place and the engine records them on the failing node.
 */
export class ZhiliuError extends Error {
  readonly code: string
  readonly details: unknown
  constructor(code: string, message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
    this.details = details
  }
}

/** A node failed. `retryable` tells the engine whether another attempt may succeed (network blips, 429, 5xx). */
export class NodeError extends ZhiliuError {
  readonly retryable: boolean
  /**
   * How long the failing service asked for before another attempt (HTTP `Retry-After`); the engine's back-off
   * should wait at least this long, so a rate-limited provider is not hammered.
   */
  readonly retryAfterMs: number | undefined
  constructor(
    code: string,
    message: string,
    opts: { retryable?: boolean; retryAfterMs?: number; details?: unknown; cause?: unknown } = {},
  ) {
    super(code, message, opts.details, { cause: opts.cause })
    this.retryable = opts.retryable ?? false
    this.retryAfterMs = opts.retryAfterMs
  }
}

/** A template or expression could not be parsed or exceeded a limit. Never retryable: the text is wrong. */
export class ExpressionError extends ZhiliuError {}

/** The shape every failure takes once it leaves the code that threw it: stored, sent as events, shown to users. */
export interface ErrorInfo {
  code: string
  message: string
  retryable?: boolean
  details?: unknown
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof NodeError) {
    return { code: err.code, message: err.message, retryable: err.retryable, details: err.details }
  }
  if (err instanceof ZhiliuError) return { code: err.code, message: err.message, details: err.details }
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message }
  return { code: 'INTERNAL', message: String(err) }
}
