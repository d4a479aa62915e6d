/** One request as the fake received it, for assertions. */
export interface ReceivedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** The raw body text. */
  text: string
  /** The body parsed as JSON; undefined when it is not JSON. */
  body: unknown
}

/** What the fake answers; bots answer JSON, with HTTP 200 even for most errors. */
export interface FakeReply {
  status: number
  body: unknown
}

/**
 * A scripted fault for the next request: the platform's own rate-limit or busy reply, any code, a bare HTTP status,
 * a slow answer (the request is then handled as usual), or no answer at all until the fake closes.
 */
export type FakeFault =
  | { kind: 'throttle' }
  | { kind: 'busy' }
  | { kind: 'code'; code: number; message: string }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }

export interface FakeBot {
  /** The bot's webhook address, key included, as the platform shows it. */
  readonly url: string
  readonly origin: string
  /** Every request received, in order, whatever was answered. */
  readonly requests: ReceivedRequest[]
  /** The bodies of the messages the fake accepted (answered with success): what the group would show. */
  readonly delivered: unknown[]
  /** Queues faults; each request takes the next one. */
  script(...faults: FakeFault[]): void
  reset(): void
  close(): Promise<void>
}

/** Turns a platform's error code into its JSON reply. */
export type ErrorBody = (code: number, message: string) => unknown
