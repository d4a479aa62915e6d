import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type KnowledgeBaseSummary, listKnowledgeBases } from '../../api/knowledge-api.ts'
import type { FieldProps } from '../field-props.ts'

/** kb.retrieve's knowledge bases: a tick for each of the person's own, their ids stored in the order ticked. */
export function KnowledgeBasesWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const [items, setItems] = useState<KnowledgeBaseSummary[]>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    listKnowledgeBases()
      .then(setItems)
      .catch(() => setFailed(true))
  }, [])
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  const toggle = (kbId: string, on: boolean) =>
    onChange(on ? [...chosen.filter((c) => c !== kbId), kbId] : chosen.filter((c) => c !== kbId))
  return (
    <div id={id} className="credential-field" data-testid={`input-${field.key}`}>
      {items === undefined && !failed && <p className="field__help">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="field__help">{t('knowledge.none')}</p>}
      {items?.map((kb) => (
        <label key={kb.id} className="field__help" style={{ display: 'block' }}>
          <input
            type="checkbox"
            checked={chosen.includes(kb.id)}
            onChange={(e) => toggle(kb.id, e.target.checked)}
          />{' '}
          {kb.name}
        </label>
      ))}
      {chosen
        .filter((c) => items && !items.some((kb) => kb.id === c))
        .map((c) => (
          <p key={c} className="field__problem field__problem--error">
            {t('form.missingCredential')}
          </p>
        ))}
      {failed && <p className="field__problem field__problem--error">{t('errors.loadFailed')}</p>}
    </div>
  )
}
