import { type ReactNode, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  title: string
  onClose(): void
  children: ReactNode
  testId?: string
  wide?: boolean
}

/**
 * A modal built on the native <dialog>: the browser traps focus, Escape closes it and focus returns to the
 * button that opened it, which keeps every dialog keyboard-reachable without extra code.
 */
export function Dialog({ title, onClose, children, testId, wide }: Props) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const el = ref.current
    if (el && !el.open) el.showModal()
    return () => el?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby="dialog-title"
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <header className="dialog__head">
        <h2 id="dialog-title">{title}</h2>
        <button
          type="button"
          className="btn btn--icon"
          onClick={onClose}
          aria-label={t('common.close')}
          title={t('common.close')}
        >
          ✕
        </button>
      </header>
      {children}
    </dialog>
  )
}
