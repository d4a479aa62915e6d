import { parentPort } from 'node:worker_threads'
import { evaluateExpression, renderTemplate, ZhiliuError } from '@zhiliu/nodes/evaluate'
import type { ExpressionJob, WorkerReply } from './expression-job.ts'

// One job at a time: the pool sends the next only after this one's reply, so that terminating this thread on a
// timeout never takes anyone else's evaluation with it. Compiled expressions and parsed templates stay cached here.
const port = parentPort
if (!port) throw new Error('expression-worker.ts runs as a worker thread')

port.on('message', async ({ id, job }: { id: number; job: ExpressionJob }) => {
  let reply: WorkerReply
  const startedAt = performance.now()
  try {
    const value =
      job.kind === 'jsonata'
        ? await evaluateExpression(job.expression, job.input, job.options)
        : renderTemplate(job.source, job.scope)
    reply = { id, ms: performance.now() - startedAt, ok: true, value }
  } catch (err) {
    const error =
      err instanceof ZhiliuError
        ? { code: err.code, message: err.message, details: err.details }
        : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
    reply = { id, ms: performance.now() - startedAt, ok: false, error }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true })
