import { findFinalError, NodeError } from '@zhiliu/nodes'
import { isOpenAIError } from './openai-sdk.ts'

export interface CallSite {
  /** The provider as people know it, e.g. "DeepSeek". */
  name: string
  providerId: string
  model: string
  baseURL: string
}

/** Thrown by the stream reader when a stream ends (or breaks) before the model said it was finished. */
export class StreamCut extends Error {}

/**
 * Turns whatever the SDK threw into a NodeError that names the provider, the model and the reason, and says whether
 * another attempt may help. A cancellation or a node timeout is passed through untouched: the engine handles it.
 */
export function toModelError(err: unknown, site: CallSite, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason
  if (err instanceof NodeError) return err
  // The SDK wraps what its fetch threw in a connection error; a refusal the outbound guard made stays final.
  const final = findFinalError(err)
  if (final) return final
  const fail = (code: string, reason: string, retryable: boolean, extra: Record<string, unknown> = {}) =>
    new NodeError(code, `${site.name} (${site.model}): ${reason}`, {
      retryable,
      retryAfterMs: typeof extra.retryAfterMs === 'number' ? extra.retryAfterMs : undefined,
      details: { provider: site.providerId, model: site.model, ...extra },
      cause: err,
    })

  if (err instanceof StreamCut) {
    return fail(
      'MODEL_STREAM_CUT',
      `the answer stream broke off before it was complete (${err.message}); the partial answer was discarded`,
      true,
    )
  }
  if (isOpenAIError(err, 'APIConnectionTimeoutError')) {
    return fail('MODEL_UNAVAILABLE', `no answer in time from ${hostOf(site.baseURL)}`, true)
  }
  if (isOpenAIError(err, 'APIConnectionError')) {
    const cause =
      err.cause instanceof Error
        ? err.cause.cause instanceof Error
          ? err.cause.cause
          : err.cause
        : undefined
    return fail(
      'MODEL_UNAVAILABLE',
      `could not reach ${hostOf(site.baseURL)}${cause ? `: ${cause.message}` : ''}`,
      true,
    )
  }
  if (isOpenAIError(err, 'APIError') && err.status !== undefined) {
    const said =
      err.error && typeof err.error === 'object' && 'message' in err.error
        ? String(err.error.message)
        : err.message
    const extra = { status: err.status, providerMessage: said }
    if (err.status === 401 || err.status === 403) {
      return fail(
        'MODEL_AUTH_FAILED',
        `the API key was refused by ${site.name} (${err.status}: ${said}); check the key in the provider's credential`,
        false,
        extra,
      )
    }
    if (err.status === 404) {
      const modelMissing = err.code === 'model_not_found' || /model/i.test(said)
      const reason = modelMissing
        ? `${site.name} has no model "${site.model}" that this key may use (404: ${said})`
        : `nothing answers at ${site.baseURL} (404); check the provider's base URL`
      return fail('MODEL_NOT_FOUND', reason, false, extra)
    }
    if (err.status === 429) {
      const retryAfterMs = retryAfter(err.headers)
      const wait = retryAfterMs === undefined ? '' : `; it asked to wait ${Math.ceil(retryAfterMs / 1000)} s`
      return fail('MODEL_RATE_LIMITED', `too many requests or quota used up (429: ${said})${wait}`, true, {
        ...extra,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      })
    }
    if (err.status >= 500)
      return fail(
        'MODEL_UNAVAILABLE',
        `the provider had a server error (${err.status}: ${said})`,
        true,
        extra,
      )
    return fail('MODEL_REQUEST_REJECTED', `the request was refused (${err.status}: ${said})`, false, extra)
  }
  if (isOpenAIError(err, 'APIError')) {
    // An error event inside a stream: the provider gave up mid-answer (overload, moderation).
    return fail('MODEL_STREAM_CUT', `the provider stopped the answer with an error: ${err.message}`, true)
  }
  if (err instanceof SyntaxError) {
    return fail(
      'MODEL_BAD_RESPONSE',
      `the reply is not valid JSON, so it is not an OpenAI-compatible answer (${err.message}); check the base URL ${site.baseURL}`,
      false,
    )
  }
  if (
    err instanceof TypeError &&
    /terminated|socket|closed|reset/i.test(`${err.message} ${String(err.cause)}`)
  ) {
    return fail(
      'MODEL_STREAM_CUT',
      `the connection dropped before the answer was complete; the partial answer was discarded`,
      true,
    )
  }
  return fail('MODEL_FAILED', err instanceof Error ? err.message : String(err), false)
}

/** `retry-after-ms` (OpenAI's own), then `retry-after` as seconds or as an HTTP date. */
export function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'))
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms
  const value = headers?.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
