import { renderTemplate } from '@zhiliu/nodes'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'
import { toDocument } from '../editor/flow-mapping.ts'
import { useRun } from '../run/run-store.ts'
import { previewScope } from './variables.ts'

/** What this template gives with the last run's data, recomputed as the person types. */
export function TemplatePreview({ source }: { source: string }) {
  const { t } = useTranslation()
  const runId = useRun((s) => s.runId)
  const results = useRun((s) => s.results)
  const hasTemplate = source.includes('{{') || source.includes('{%')

  const preview = useMemo((): { ok: true; text: string } | { ok: false; text: string } | undefined => {
    if (!hasTemplate) return undefined
    const { meta, nodes, edges } = useEditor.getState()
    const scope = previewScope(toDocument(meta, nodes, edges), { runId, results })
    if (!scope) return undefined
    try {
      const value = renderTemplate(source, scope)
      return { ok: true, text: typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '') }
    } catch (err) {
      return { ok: false, text: err instanceof Error ? err.message : String(err) }
    }
  }, [source, runId, results, hasTemplate])

  if (!hasTemplate) return null
  if (!preview) return <p className="preview preview--none">{t('preview.runFirst')}</p>
  return (
    <div className={`preview${preview.ok ? '' : ' preview--error'}`} data-testid="template-preview">
      <span className="preview__label">{t(preview.ok ? 'preview.label' : 'preview.failed')}</span>
      <pre>{preview.text === '' ? t('preview.emptyResult') : preview.text}</pre>
    </div>
  )
}
