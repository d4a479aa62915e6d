import { create } from 'zustand'
import { getFlow, ifMatch, saveFlow } from '../api/flows-api.ts'
import { ApiError } from '../api/request.ts'
import { useEditor } from './editor-store.ts'
import { toDocument } from './flow-mapping.ts'

/** `conflict`: the draft was saved elsewhere (another tab, a colleague) since this one was loaded; nothing is sent. */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict'

export const useSaveStatus = create<{
  status: SaveStatus
  error: ApiError | undefined
  savedAt: number | undefined
  /** The draft's revision on the server (its updatedAt) as this tab last loaded or saved it. */
  revision: number | undefined
}>()(() => ({ status: 'saved', error: undefined, savedAt: undefined, revision: undefined }))

const DELAY_MS = 700

let timer: ReturnType<typeof setTimeout> | undefined
let saving: Promise<void> | undefined
let lastSaved = ''
// The draft's revision this canvas was loaded from or last saved as: sent as If-Match, so a save never overwrites
// what another tab or person saved meanwhile.
let revision: number | undefined

function currentDocument(): { flowId: string | undefined; json: string } {
  const { flowId, meta, nodes, edges } = useEditor.getState()
  return { flowId, json: JSON.stringify(toDocument(meta, nodes, edges)) }
}

async function saveNow(options: { overwrite?: boolean } = {}): Promise<void> {
  clearTimeout(timer)
  timer = undefined
  if (saving) await saving
  // Waiting for the person to choose: another save would only be refused again.
  if (useSaveStatus.getState().status === 'conflict' && !options.overwrite) return
  const { flowId, json } = currentDocument()
  if (!flowId || json === lastSaved) {
    useSaveStatus.setState({ status: 'saved' })
    return
  }
  useSaveStatus.setState({ status: 'saving' })
  saving = saveFlow(flowId, JSON.parse(json), options.overwrite ? undefined : revision)
    .then((saved) => {
      lastSaved = json
      revision = saved.updatedAt
      // Edits made while the request was on its way are saved by the next round.
      const pending = currentDocument().json !== json
      useSaveStatus.setState({
        status: pending ? 'pending' : 'saved',
        error: undefined,
        savedAt: Date.now(),
        revision,
      })
      if (pending) schedule()
    })
    .catch((err: unknown) => {
      const error = err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err))
      useSaveStatus.setState({ status: error.code === 'FLOW_CHANGED' ? 'conflict' : 'error', error })
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

/**
 * Saves what is on the canvas now (before a run, a publish). Rejects while a conflict waits for the person's
 * choice: running or publishing then would use a draft that is not what the canvas shows.
 */
export async function flushSave(): Promise<void> {
  await saveNow()
  const { status, error } = useSaveStatus.getState()
  if (status === 'conflict' && error) throw error
}

/** After a conflict: this canvas replaces what was saved elsewhere. */
export const overwriteSaved = () => saveNow({ overwrite: true })

/** After a conflict: the canvas is replaced by the draft as saved elsewhere; this tab's unsaved edits are dropped. */
export async function loadSaved(): Promise<void> {
  const { flowId } = useEditor.getState()
  if (!flowId) return
  try {
    const flow = await getFlow(flowId)
    useEditor.getState().load(flowId, flow.document)
    adoptSaved(flow.updatedAt)
  } catch {
    // Still in conflict: the choice stays on screen and can be made again once the server answers.
  }
}

/** The canvas now shows the draft as stored at `updatedAt` (just loaded, or restored on the server). */
export function adoptSaved(updatedAt: number): void {
  clearTimeout(timer)
  timer = undefined
  revision = updatedAt
  lastSaved = currentDocument().json
  useSaveStatus.setState({ status: 'saved', error: undefined, revision })
}

/**
 * Saves the draft to the server shortly after every change, so a reload or a closed laptop loses nothing.
 * Selection and measuring change the store too; those leave the document as it was and send nothing.
 */
export function startAutosave(loadedRevision: number): () => void {
  lastSaved = currentDocument().json
  revision = loadedRevision
  useSaveStatus.setState({ status: 'saved', error: undefined, savedAt: undefined, revision })
  const off = useEditor.subscribe((s, prev) => {
    if (s.flowId !== prev.flowId) return
    if (s.nodes === prev.nodes && s.edges === prev.edges && s.meta === prev.meta) return
    // No "unsaved" flash here: most changes are selections, which save nothing; `saving` shows real writes.
    schedule()
  })
  // A tab being closed cannot wait for a normal request; keepalive lets this last save outlive the page.
  const onHide = () => {
    const { flowId, json } = currentDocument()
    if (!flowId || json === lastSaved || useSaveStatus.getState().status === 'conflict') return
    void fetch(`/api/flows/${encodeURIComponent(flowId)}`, {
      method: 'PUT',
      keepalive: true,
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        ...(revision === undefined ? {} : { 'if-match': ifMatch(revision) }),
      },
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
