import { create } from 'zustand'
import { saveFlow } from '../api/flows-api.ts'
import { ApiError } from '../api/request.ts'
import { useEditor } from './editor-store.ts'
import { toDocument } from './flow-mapping.ts'

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error'

export const useSaveStatus = create<{
  status: SaveStatus
  error: ApiError | undefined
  savedAt: number | undefined
}>()(() => ({ status: 'saved', error: undefined, savedAt: undefined }))

const DELAY_MS = 700

let timer: ReturnType<typeof setTimeout> | undefined
let saving: Promise<void> | undefined
let lastSaved = ''

function currentDocument(): { flowId: string | undefined; json: string } {
  const { flowId, meta, nodes, edges } = useEditor.getState()
  return { flowId, json: JSON.stringify(toDocument(meta, nodes, edges)) }
}

async function saveNow(): Promise<void> {
  clearTimeout(timer)
  timer = undefined
  if (saving) await saving
  const { flowId, json } = currentDocument()
  if (!flowId || json === lastSaved) {
    useSaveStatus.setState({ status: 'saved' })
    return
  }
  useSaveStatus.setState({ status: 'saving' })
  saving = saveFlow(flowId, JSON.parse(json))
    .then(() => {
      lastSaved = json
      // Edits made while the request was on its way are saved by the next round.
      const pending = currentDocument().json !== json
      useSaveStatus.setState({ status: pending ? 'pending' : 'saved', error: undefined, savedAt: Date.now() })
      if (pending) schedule()
    })
    .catch((err: unknown) => {
      const error = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err))
      useSaveStatus.setState({ status: 'error', error })
    })
    .finally(() => {
      saving = undefined
    })
  await saving
}

function schedule() {
  clearTimeout(timer)
  timer = setTimeout(() => void saveNow(), DELAY_MS)
}

/** Saves what is on the canvas now (before a run, before leaving the page). */
export const flushSave = saveNow

/**
 * Saves the draft to the server shortly after every change, so a reload or a closed laptop loses nothing.
 * Selection and measuring change the store too; those leave the document as it was and send nothing.
 */
export function startAutosave(): () => void {
  lastSaved = currentDocument().json
  useSaveStatus.setState({ status: 'saved', error: undefined, savedAt: undefined })
  const off = useEditor.subscribe((s, prev) => {
    if (s.flowId !== prev.flowId) return
    if (s.nodes === prev.nodes && s.edges === prev.edges && s.meta === prev.meta) return
    // No "unsaved" flash here: most changes are selections, which save nothing; `saving` shows real writes.
    schedule()
  })
  // A tab being closed cannot wait for a normal request; keepalive lets this last save outlive the page.
  const onHide = () => {
    const { flowId, json } = currentDocument()
    if (!flowId || json === lastSaved) return
    void fetch(`/api/flows/${encodeURIComponent(flowId)}`, {
      method: 'PUT',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: json,
    })
  }
  window.addEventListener('pagehide', onHide)
  return () => {
    off()
    window.removeEventListener('pagehide', onHide)
    void saveNow()
  }
}
