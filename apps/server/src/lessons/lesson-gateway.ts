import { createRecordingGateway, createReplayGateway, type RecordingSource } from '@zhiliu/models'
import { type ModelGateway, NodeError } from '@zhiliu/nodes'

/** The provider a replayed answer names: a run's output says plainly that no model answered it. */
export const RECORDED_PROVIDER = 'recording'

/**
 * A run's model calls with recorded answers first: a request the lesson recording holds is answered from it,
 * streamed as recorded, with no network and no cost, and labelled `provider: "recording"`; any other request goes
 * to `inner` (on a machine with no model configured, the offline demo model).
 */
export function answerFromRecording(inner: ModelGateway, lesson: RecordingSource): ModelGateway {
  const replay = createReplayGateway(lesson)
  const missed = (error: unknown) => error instanceof NodeError && error.code === 'REPLAY_MISS'
  const gateway: ModelGateway = {
    async chat(request, signal, onChunk) {
      try {
        const { cost: _cost, ...answer } = await replay.chat(request, signal, onChunk)
        return { ...answer, provider: RECORDED_PROVIDER }
      } catch (error) {
        if (!missed(error)) throw error
        return inner.chat(request, signal, onChunk)
      }
    },
  }
  if (inner.image) gateway.image = inner.image.bind(inner)
  if (inner.speech) gateway.speech = inner.speech.bind(inner)
  if (inner.transcribe) gateway.transcribe = inner.transcribe.bind(inner)
  return gateway
}

/** Keeps what the models answered (see createRecordingGateway) in `captured`, for a lesson pack to take along. */
export function captureAnswers(inner: ModelGateway, captured: RecordingSource): ModelGateway {
  return createRecordingGateway(inner, captured)
}
