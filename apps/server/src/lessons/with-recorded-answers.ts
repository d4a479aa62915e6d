import type { RunTrigger } from '@zhiliu/db'
import type { RecordingFile } from '@zhiliu/models'
import type { ModelGateway } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { answerFromRecording, captureAnswers } from './lesson-gateway.ts'
import { modelAnswers } from './model-answers.ts'

/**
 * A run's gateway with the flow's recorded answers: a lesson pack's answers first, then `inner`; a manual run also
 * keeps what the models answered it, so the flow can be exported as a lesson pack afterwards.
 */
export function withRecordedAnswers(
  inner: ModelGateway,
  deps: Pick<AppDeps, 'store' | 'now'>,
  flowId: string,
  trigger: RunTrigger,
): ModelGateway {
  const captured = modelAnswers(deps.store, 'captured', flowId, deps.now)
  // Keeping an answer is a convenience: a write that fails (a full disk) must not fail the node that got it.
  const kept = { ...captured, write: (file: RecordingFile) => captured.write(file).catch(() => undefined) }
  const live = trigger === 'manual' ? captureAnswers(inner, kept) : inner
  return answerFromRecording(live, modelAnswers(deps.store, 'lesson', flowId, deps.now))
}
