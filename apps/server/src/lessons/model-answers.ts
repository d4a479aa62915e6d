import type { Store } from '@zhiliu/db'
import { RecordingFile, type RecordingSource } from '@zhiliu/models'

/**
 * A flow's model answers, kept in the store (both databases) as a setting named after the flow, so every process
 * reads the same ones:
 * - `captured`: what the flow's latest manual runs got from their models (written as they run; a lesson pack
 *   exports these);
 * - `lesson`: the answers a lesson pack brought; runs of the flow answer from them first, offline.
 * Settings outlive a deleted flow; an orphaned recording is harmless and overwritten if the id ever came back.
 */
export type AnswersKind = 'captured' | 'lesson'

/** How many exchanges a recording keeps: the newest, so a flow run all day does not grow without end. */
export const MAX_CAPTURED_EXCHANGES = 200
/** And how large it may be as JSON (images and speech are kept in base64): the newest that fit. */
export const MAX_RECORDING_CHARS = 8_000_000

const settingName = (kind: AnswersKind, flowId: string) => `model-answers.${kind}.${flowId}`

export function modelAnswers(
  store: Pick<Store, 'getSetting' | 'setSetting'>,
  kind: AnswersKind,
  flowId: string,
  now: () => number,
): RecordingSource {
  const name = settingName(kind, flowId)
  return {
    name: `the ${kind === 'lesson' ? 'lesson pack' : 'captured'} answers of flow ${flowId}`,
    async read() {
      const stored = await store.getSetting(name)
      const parsed = RecordingFile.safeParse(stored?.value)
      return parsed.success ? parsed.data : { version: 1, exchanges: {} }
    },
    async write(file) {
      const entries = Object.entries(file.exchanges)
        .sort(([, a], [, b]) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))
        .slice(0, MAX_CAPTURED_EXCHANGES)
      let size = 0
      const kept = entries.filter(([, exchange]) => {
        size += JSON.stringify(exchange).length
        return size <= MAX_RECORDING_CHARS
      })
      const value: RecordingFile = { version: 1, exchanges: Object.fromEntries(kept) }
      await store.setSetting({ name, value, updatedAt: now(), updatedBy: null })
    },
  }
}
