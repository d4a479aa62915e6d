import { useEffect } from 'react'
import { useEditor } from '../editor/editor-store.ts'

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Undo, redo, copy and paste for the canvas. Delete is React Flow's own. Keys pressed while typing in a form
 * field belong to that field, so its own undo and clipboard keep working.
 */
export function useCanvasShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || !(e.ctrlKey || e.metaKey) || e.altKey) return
      const key = e.key.toLowerCase()
      const s = useEditor.getState()
      const act = (fn: () => void) => {
        e.preventDefault()
        fn()
      }
      if (key === 'z' && !e.shiftKey) act(s.undo)
      else if ((key === 'z' && e.shiftKey) || key === 'y') act(s.redo)
      else if (key === 'c' && !hasTextSelection()) act(s.copy)
      else if (key === 'v') act(s.paste)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}

/** Copying text the person highlighted (in the run output, say) must not be taken over by node copy. */
function hasTextSelection(): boolean {
  const selection = window.getSelection()
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0
}
