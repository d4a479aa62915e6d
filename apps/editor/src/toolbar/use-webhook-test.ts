import { useCallback, useEffect, useState } from 'react'
import { openWebhookTest, readWebhookTest, type WebhookTestWindow } from '../api/webhook-test-api.ts'

/** Under common proxy idle timeouts (often 60 s), so a long poll is answered before a proxy cuts it. */
const POLL_SECONDS = 25

export interface WebhookTest {
  /** Undefined until the person starts waiting (or when the server has no window for the flow). */
  testWindow: WebhookTestWindow | undefined
  /** When the window closes, on this browser's clock. */
  deadline: number
  error: unknown
  busy: boolean
  start(): Promise<void>
}

/**
 * The flow's "wait for a test request" window: opens it, long-polls the server while it waits, and picks up a
 * window that is already open (the dialog was closed and opened again) or has captured something.
 */
export function useWebhookTest(flowId: string): WebhookTest {
  const [testWindow, setTestWindow] = useState<WebhookTestWindow>()
  const [deadline, setDeadline] = useState(0)
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const show = useCallback((w: WebhookTestWindow) => {
    setTestWindow(w)
    setDeadline(Date.now() + w.expiresInMs)
  }, [])

  useEffect(() => {
    const ctrl = new AbortController()
    readWebhookTest(flowId, 0, ctrl.signal)
      .then(show)
      // No window yet is the usual case (404); anything else shows up when the person presses the button.
      .catch(() => undefined)
    return () => ctrl.abort()
  }, [flowId, show])

  const waiting = testWindow?.status === 'waiting'
  useEffect(() => {
    if (!waiting) return
    const ctrl = new AbortController()
    void (async () => {
      for (;;) {
        let next: WebhookTestWindow
        try {
          next = await readWebhookTest(flowId, POLL_SECONDS, ctrl.signal)
        } catch (err) {
          if (!ctrl.signal.aborted) setError(err)
          return
        }
        if (ctrl.signal.aborted) return
        if (next.status !== 'waiting') return show(next)
      }
    })()
    return () => ctrl.abort()
  }, [flowId, waiting, show])

  const start = useCallback(async () => {
    setBusy(true)
    setError(undefined)
    try {
      show(await openWebhookTest(flowId))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }, [flowId, show])

  return { testWindow, deadline, error, busy, start }
}
