import { describeTemplateError, problemTexts } from '@zhiliu/engine'
import { ExpressionError, type Locale, renderTemplate } from '@zhiliu/nodes'
import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'
import { toDocument } from '../editor/flow-mapping.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useRun } from '../run/run-store.ts'
import { runErrorSentence } from '../ui/error-text.tsx'
import { previewScope } from './variables.ts'

/** What this template gives with the last run's data, recomputed as the person types. */
export function TemplatePreview({ source }: { source: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const runId = useRun((s) => s.runId)
  const results = useRun((s) => s.results)
  const hasTemplate = source.includes('{{') || source.includes('{%')

  const preview = useMemo(():
    | { ok: true; text: string }
    | { ok: false; text: string; original: string }
    | undefined => {
    if (!hasTemplate) return undefined
    const { meta, nodes, edges } = useEditor.getState()
    const scope = previewScope(toDocument(meta, nodes, edges), { runId, results })
    if (!scope) return undefined
    try {
      const value = renderTemplate(source, scope)
      return { ok: true, text: typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '') }
    } catch (err) {
      return {
        ok: false,
        text: failureText(t, locale, err),
        original: err instanceof Error ? err.message : String(err),
      }
    }
  }, [source, runId, results, hasTemplate, t, locale])

  if (!hasTemplate) return null
  if (!preview) return <p className="preview preview--none">{t('preview.runFirst')}</p>
  return (
    <div className={`preview${preview.ok ? '' : ' preview--error'}`} data-testid="template-preview">
      <span className="preview__label">{t(preview.ok ? 'preview.label' : 'preview.failed')}</span>
      <pre>{preview.text === '' ? t('preview.emptyResult') : preview.text}</pre>
      {!preview.ok && (
        <details className="error-detail">
          <summary>{t('common.details')}</summary>
          <code lang="en">{preview.original}</code>
        </details>
      )}
    </div>
  )
}

/** Why the preview failed, in the reader's language: a syntax mistake with its place, or the code's sentence. */
function failureText(t: TFunction, locale: Locale, err: unknown): string {
  if (err instanceof ExpressionError && err.code === 'TEMPLATE_SYNTAX') {
    const { details: _, ...said } = describeTemplateError(err)
    return problemTexts.TEMPLATE_SYNTAX(said)[locale]
  }
  if (err instanceof ExpressionError) return runErrorSentence(t, err)
  return t('errors.unexpected', { message: err instanceof Error ? err.message : String(err) })
}
