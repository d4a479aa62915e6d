import type { PausePoint } from '@zhiliu/engine'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ResumeMode } from '../api/runs-api.ts'
import { useEntry } from '../catalogue/catalogue-store.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { JsonViewer } from './json-viewer.tsx'
import { resumePaused } from './run-controller.ts'

/**
 * Step through (单步运行): the node the run paused before, with what it will run with (its config, templates filled
 * in, and what arrives on its inputs), and the three ways on. The config can be edited before going on; the run
 * records that it was. Space steps and Enter continues, unless someone is typing.
 */
export function PausedPanel({ runId, point }: { runId: string; point: PausePoint }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useEditor((s) => s.nodes.find((n) => n.id === point.nodeId)?.data)
  const entry = useEntry(data?.type ?? '', data?.version ?? 1)
  // As the canvas names it: the name someone gave it, else its kind.
  const name = data?.name || entry?.title[locale] || point.nodeId
  const original = JSON.stringify(point.input.config, null, 2)
  const [configText, setConfigText] = useState(original)
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const panel = useRef<HTMLElement>(null)
  // Focus leaves the run button (Space would open the run dialog again) for the panel, whose keys go on.
  useEffect(() => {
    panel.current?.focus({ preventScroll: true })
  }, [])

  const go = async (mode: ResumeMode) => {
    let config: Record<string, unknown> | undefined
    if (configText !== original) {
      try {
        config = JSON.parse(configText) as Record<string, unknown>
      } catch {
        setError(new Error(t('paused.configInvalid')))
        return
      }
    }
    setBusy(true)
    setError(undefined)
    try {
      await resumePaused(runId, mode, config)
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `go` reads the latest config text on every render
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (busy || e.repeat || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      if (e.key === ' ') {
        e.preventDefault()
        void go('step')
      } else if (e.key === 'Enter') {
        e.preventDefault()
        void go('continue')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [busy, configText])

  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="runbar__body paused"
      data-testid="paused-panel"
      data-node={point.nodeId}
      aria-labelledby="paused-title"
    >
      <h3 id="paused-title">{t('paused.title', { node: name })}</h3>
      <p className="panel__note">{t('paused.lead')}</p>
      <div className="paused__columns">
        <div>
          <h4>{t('paused.inputs')}</h4>
          <div data-testid="paused-inputs">
            <JsonViewer value={point.input.inputs} />
          </div>
        </div>
        <label className="field">
          <span className="field__label">{t('paused.config')}</span>
          <textarea
            className="input input--area input--mono"
            rows={6}
            value={configText}
            onChange={(e) => setConfigText(e.target.value)}
            data-testid="paused-config"
          />
        </label>
      </div>
      <div className="paused__actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy}
          onClick={() => void go('continue')}
          data-testid="resume-continue"
        >
          {t('paused.continue')} <kbd>Enter</kbd>
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void go('step')}
          data-testid="resume-step"
        >
          {t('paused.step')} <kbd>{t('paused.space')}</kbd>
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void go('end')}
          data-testid="resume-end"
        >
          {t('paused.end')}
        </button>
      </div>
      <ErrorText error={error} />
    </section>
  )
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  // A focused button answers Space and Enter itself.
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'BUTTON'
}
