import { useEffect, useState } from 'react'
import { useEditor } from '../editor/editor-store.ts'
import { HintText } from '../ui/hint-text.tsx'

const SHOW_MS = 5000

/** The latest hint (a refused connection, a copy) near the canvas, for a few seconds. */
export function CanvasHint() {
  const hint = useEditor((s) => s.hint)
  const [visible, setVisible] = useState(false)
  useEffect(() => {
    if (!hint) return
    setVisible(true)
    const timer = setTimeout(() => setVisible(false), SHOW_MS)
    return () => clearTimeout(timer)
  }, [hint])
  if (!hint || !visible) return null
  return (
    <div
      className={`canvas__hint canvas__hint--${hint.tone ?? 'info'}`}
      role="alert"
      data-testid="canvas-hint"
    >
      <HintText hint={hint} />
    </div>
  )
}
