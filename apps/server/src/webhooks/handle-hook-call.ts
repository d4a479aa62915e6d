import type { Context } from 'hono'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { incomingOf } from '../http/incoming.ts'
import { checkTriggerInput } from '../runs/check-trigger-input.ts'
import type { RunWait, StartRequest } from '../runs/run-service.ts'
import { streamRunEvents } from '../runs/stream-run-events.ts'
import { createRedisReplayGuard } from '../security/redis-replay-guard.ts'
import { createMemoryReplayGuard } from '../security/replay-guard.ts'
import { callbackTarget } from './callback-target.ts'
import { checkHookSignature } from './check-hook-signature.ts'
import { hookEvent } from './hook-event.ts'
import { createHookRateLimits } from './hook-rate-limits.ts'
import { hookRequestHash } from './hook-request-hash.ts'
import { streamMessage, syncResponse } from './hook-responses.ts'
import { parseHookBody } from './parse-hook-body.ts'
import { createHookResolver } from './published-hook.ts'
import { readHookBody, tooLarge } from './read-hook-body.ts'
import { webhookSecretsFor } from './shared-webhook-secrets.ts'
import { createStatusTokens } from './status-tokens.ts'

const MAX_IDEMPOTENCY_KEY = 255

/**
 * One webhook call, checked in the order that keeps refusals cheap and never leaves a run behind: declared size
 * (413), flow and published version (404), body size while reading (413), signature (401), body format (400/415),
 * declared input fields (400), callback URL (400), the flow's runs per minute (429) — and only then the run, under
 * the idempotency key if one was sent.
 */
export function createHookHandler(deps: AppDeps) {
  const resolve = createHookResolver({
    store: deps.store,
    registry: deps.registry,
    documents: deps.runs.documents,
  })
  const secrets = webhookSecretsFor(deps)
  const redis = deps.cluster?.redis
  const replays = redis ? createRedisReplayGuard(redis) : createMemoryReplayGuard()
  const rateLimits = createHookRateLimits(redis)
  const tokens = createStatusTokens(deps.secretBox)
  const limit = deps.config.bodyLimitBytes

  const statusUrlOf = (runId: string) =>
    `${deps.config.publicUrl ?? ''}/hooks/runs/${runId}?token=${tokens.issue(runId)}`

  const handle = async (c: Context, target: { flowId: string } | { path: string }): Promise<Response> => {
    const request = c.req.raw
    if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge(limit)
    const hook = await resolve(target)
    const incoming = incomingOf(c.env)
    const raw = await readHookBody(request, limit, incoming)
    const now = deps.now()
    if (hook.settings.signing) {
      const secret = await secrets.get(hook.flow)
      await checkHookSignature({
        flowId: hook.flow.id,
        secret,
        headers: request.headers,
        body: raw,
        now,
        replays,
      })
    }
    const body = parseHookBody(raw, request.headers.get('content-type') ?? undefined)
    checkTriggerInput(hook.trigger, body)
    const query = queryOf(request.url)
    const callback = callbackTarget(request, query, deps.config.callbackHosts)
    const idempotencyKey = request.headers.get('idempotency-key') ?? undefined
    if (
      idempotencyKey !== undefined &&
      (idempotencyKey === '' || idempotencyKey.length > MAX_IDEMPOTENCY_KEY)
    ) {
      throw ApiError.badRequest(
        'IDEMPOTENCY_KEY_INVALID',
        `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`,
      )
    }
    // Last: only a call that would start a run counts against the flow's limit.
    await rateLimits.take(hook.flow.id, hook.settings.maxPerMinute)
    const started = {
      ownerId: hook.flow.ownerId,
      flowId: hook.flow.id,
      flowVersion: hook.version,
      document: hook.document,
      trigger: 'webhook',
      event: hookEvent(request, query, body, now, incoming),
      // The callback is stored with the run, so the run must stay.
      alwaysKeep: callback !== undefined,
      idempotency:
        idempotencyKey === undefined
          ? undefined
          : { key: idempotencyKey, requestHash: hookRequestHash(raw, request.url) },
    } as const
    const { settings } = hook
    // A sync caller that leaves nothing to store beside the run: its run is written late (deferred-registration.ts).
    if (settings.responseMode === 'sync' && callback === undefined)
      return answerSync(await deps.runs.startAndWait(started, syncWait(settings)))
    return startAndRespond(c, settings, callback, started)
  }

  const syncWait = (settings: { timeoutMs: number }) =>
    ({ until: 'respond', timeoutMs: settings.timeoutMs }) as const

  const startAndRespond = async (
    c: Context,
    settings: { responseMode: string; timeoutMs: number },
    callback: URL | undefined,
    started: StartRequest & { flowId: string },
  ) => {
    const { runId, existing } = await deps.runs.start(started)
    if (callback && !existing) await deps.callbacks.add({ runId, flowId: started.flowId, url: callback })
    return respond(c, settings, runId, existing)
  }

  /** Headers every answer to a started (or replayed) run carries. */
  const withRunHeaders = (response: Response, runId: string, existing: boolean) => {
    response.headers.set('x-zhiliu-run-id', runId)
    if (existing) response.headers.set('idempotent-replayed', 'true')
    return response
  }

  const answerSync = ({ runId, existing, wait }: { runId: string; existing: boolean; wait: RunWait }) => {
    // Ended before answering because nothing more could be stored: the caller retries, as for a run refused up front.
    if (wait.state === 'finished' && wait.outcome.error?.code === 'STORAGE_FULL') throw deps.storage.refusal()
    // The key's first run ended and its history setting did not keep it: it is not run again, and its answer is gone.
    if (existing && wait.state === 'missing') throw runNotKept(runId)
    // The status URL costs a seal; only a caller that is not answered now needs it.
    return withRunHeaders(
      syncResponse(wait, runId, () => statusUrlOf(runId)),
      runId,
      existing,
    )
  }

  const respond = async (
    c: Context,
    settings: { responseMode: string; timeoutMs: number },
    runId: string,
    existing: boolean,
  ) => {
    if (settings.responseMode === 'async') {
      const accepted = Response.json({ runId, statusUrl: statusUrlOf(runId) }, { status: 202 })
      return withRunHeaders(accepted, runId, existing)
    }
    if (settings.responseMode === 'stream') {
      const stream = await streamRunEvents(c, { runs: deps.runs, runId, toMessage: streamMessage })
      return withRunHeaders(stream, runId, existing)
    }
    return answerSync({ runId, existing, wait: await deps.runs.waitFor(runId, syncWait(settings)) })
  }

  return { handle, tokens }
}

function runNotKept(runId: string): ApiError {
  return new ApiError(
    409,
    'RUN_NOT_KEPT',
    'This Idempotency-Key already started a run, which ended and was not kept (the flow keeps only some runs), so ' +
      'its answer cannot be sent again; the flow was not run a second time',
    { runId },
  )
}

const NO_QUERY = new URLSearchParams()

/** Most calls carry no query string: skip parsing the URL for them. */
function queryOf(url: string): URLSearchParams {
  return url.includes('?') ? new URL(url).searchParams : NO_QUERY
}
