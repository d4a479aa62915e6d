import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { loadModelProviders, loadProviderModels } from '../../api/model-providers-api.ts'
import { useEditor } from '../../editor/editor-store.ts'
import type { FieldProps } from '../field-props.ts'
import { TemplateWidget } from './template-widget.tsx'

/**
 * An AI node's model: free text (any model the provider serves, or `{{ … }}`), with the chosen provider's models
 * offered as buttons below, so nobody has to know that DeepSeek's is spelt `deepseek-chat`.
 */
export function ModelWidget(props: FieldProps) {
  const { t } = useTranslation()
  const provider = useEditor((s) => {
    const config = s.nodes.find((n) => n.id === props.nodeId)?.data.config
    return typeof config?.provider === 'string' ? config.provider : ''
  })
  const [models, setModels] = useState<string[]>([])
  useEffect(() => {
    let current = true
    const load = (provider ? loadProviderModels(provider) : loadModelProviders().then((r) => r.default)).then(
      (r) => r.models,
    )
    // No suggestions is fine: the field still takes any name.
    load.then((list) => current && setModels(list)).catch(() => current && setModels([]))
    return () => {
      current = false
    }
  }, [provider])
  return (
    <>
      <TemplateWidget {...props} multiline={false} />
      {models.length > 0 && (
        <div className="model-suggestions" data-testid={`suggestions-${props.field.key}`}>
          <span className="field__help">{t('form.modelSuggestions')}</span>
          {models.map((model) => (
            <button
              key={model}
              type="button"
              className="btn btn--small"
              aria-pressed={props.value === model}
              onClick={() => props.onChange(model)}
            >
              {model}
            </button>
          ))}
        </div>
      )}
    </>
  )
}
