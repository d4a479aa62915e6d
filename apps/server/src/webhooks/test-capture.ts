import { randomBytes } from 'node:crypto'
import { hashToken } from '../security/tokens.ts'

/** How long a "wait for a test request" window listens, as in n8n: long enough to switch to another system. */
export const TEST_WINDOW_MS = 120_000
/** How long a window (and what it captured) is remembered after it opened, for a dialog reopened later. */
const KEEP_MS = 30 * 60_000
/** Windows are per flow; this bounds memory however many flows an instance has. */
const MAX_WINDOWS = 1000

export type TestWindowStatus = 'waiting' | 'captured' | 'expired'

/** A captured call as the flow would see it in `trigger` (see hook-event.ts), and when it arrived. */
export interface CapturedRequest {
  body: unknown
  headers: Record<string, string>
  query: Record<string, string>
  method: string
  firedAt: string
  receivedAt: number
}

export interface TestWindowView {
  status: TestWindowStatus
  token: string
  expiresAt: number
  capture: CapturedRequest | undefined
}

interface TestWindow {
  token: string
  tokenHash: string
  openedAt: number
  expiresAt: number
  capture: TestWindowView['capture']
  /** Long polls waiting for the capture. */
  waiters: Set<() => void>
}

/** `unknown`: no window for this flow with this token (never opened, replaced, forgotten). */
export type WindowCheck = 'open' | 'closed' | 'unknown'

/**
 * The test windows of this process, one per flow: in memory, so a restart (or a second server behind a load
 * balancer) forgets them and the person simply presses the button again. A window captures exactly one call;
 * opening a new one replaces the flow's previous window and its token.
 */
export function createTestCaptures(now: () => number) {
  const windows = new Map<string, TestWindow>()

  const statusOf = (w: TestWindow): TestWindowStatus =>
    w.capture ? 'captured' : now() >= w.expiresAt ? 'expired' : 'waiting'

  const view = (w: TestWindow): TestWindowView => ({
    status: statusOf(w),
    token: w.token,
    expiresAt: w.expiresAt,
    capture: w.capture,
  })

  const sweep = () => {
    const at = now()
    for (const [flowId, w] of windows) if (at - w.openedAt > KEEP_MS) windows.delete(flowId)
    // Map order is insertion order and `open` re-inserts, so the first entries are the oldest.
    for (const flowId of windows.keys()) {
      if (windows.size < MAX_WINDOWS) break
      windows.delete(flowId)
    }
  }

  const find = (flowId: string, token: string): TestWindow | undefined => {
    const w = windows.get(flowId)
    // Compare hashes, so the time taken says nothing about how much of the token was right.
    return w && w.tokenHash === hashToken(token) ? w : undefined
  }

  return {
    open(flowId: string): TestWindowView {
      sweep()
      const token = randomBytes(24).toString('base64url')
      const previous = windows.get(flowId)
      windows.delete(flowId)
      // A poll on the replaced window returns now and sees the new one.
      for (const wake of previous?.waiters ?? []) wake()
      const openedAt = now()
      const w: TestWindow = {
        token,
        tokenHash: hashToken(token),
        openedAt,
        expiresAt: openedAt + TEST_WINDOW_MS,
        capture: undefined,
        waiters: new Set(),
      }
      windows.set(flowId, w)
      return view(w)
    },

    /** Whether a call with this token may be captured: checked before its body is read, and again after. */
    check(flowId: string, token: string): WindowCheck {
      const w = find(flowId, token)
      if (!w) return 'unknown'
      return statusOf(w) === 'waiting' ? 'open' : 'closed'
    },

    /** Keeps `event` when the window is still open (`open` is returned); the first call wins. */
    capture(flowId: string, token: string, event: Omit<CapturedRequest, 'receivedAt'>): WindowCheck {
      const result = this.check(flowId, token)
      const w = windows.get(flowId)
      if (result !== 'open' || !w) return result
      w.capture = { ...event, receivedAt: now() }
      for (const wake of w.waiters) wake()
      return 'open'
    },

    get(flowId: string): TestWindowView | undefined {
      const w = windows.get(flowId)
      return w && view(w)
    },

    /**
     * Resolves once the flow's window has a capture, is replaced, or `timeoutMs` (capped at the window's end)
     * passes, or `signal` aborts (the editor closed the dialog).
     */
    async wait(flowId: string, timeoutMs: number, signal?: AbortSignal): Promise<TestWindowView | undefined> {
      const w = windows.get(flowId)
      if (!w || statusOf(w) !== 'waiting' || timeoutMs <= 0) return w && view(w)
      const ms = Math.max(0, Math.min(timeoutMs, w.expiresAt - now()))
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          w.waiters.delete(done)
          signal?.removeEventListener('abort', done)
          resolve()
        }
        const timer = setTimeout(done, ms)
        w.waiters.add(done)
        signal?.addEventListener('abort', done, { once: true })
      })
      return this.get(flowId)
    },
  }
}

export type TestCaptures = ReturnType<typeof createTestCaptures>
