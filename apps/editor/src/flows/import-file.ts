import { importFlow } from '../api/flows-api.ts'
import { importLessonPack } from '../api/lessons-api.ts'
import { importRunFile } from '../api/runs-api.ts'
import { useReplay } from '../run/replay-run.ts'

/**
 * What the flow list's one import button takes: a flow (its document), a run file (the flow, with its run shown
 * ready to replay) or a lesson pack (every flow, with its sample input for the Run form). Answers the
 * flow to open, if one.
 */
export async function importFile(data: unknown): Promise<{ open?: string; imported: number }> {
  const format = typeof data === 'object' && data !== null ? (data as { format?: unknown }).format : undefined
  if (format === 'zhiliu.run') {
    const { flowId, run } = await importRunFile(data)
    useReplay.setState({ imported: run, importedFlowId: flowId })
    return { open: flowId, imported: 1 }
  }
  if (format === 'zhiliu.lesson-pack') {
    // The server keeps each flow's sample input in its document, where the Run form finds it.
    const { flows } = await importLessonPack(data)
    return { imported: flows.length }
  }
  const created = await importFlow(data)
  return { open: created.id, imported: 1 }
}
