import type { Flow } from '@zhiliu/nodes'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocale, useLocalize } from '../i18n/use-locale.ts'
import { Dialog } from '../ui/dialog.tsx'
import { blankFlow, copyName, copyOf, flowTemplates, type TemplateNeeds } from './flow-templates.ts'

/** A name and a starting point: an empty canvas, or one of the examples to learn from. */
export function NewFlowDialog({
  onClose,
  onCreate,
}: {
  onClose: () => void
  onCreate: (flow: Flow, needs?: TemplateNeeds) => void
}) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const locale = useLocale()
  const [name, setName] = useState('')
  const [start, setStart] = useState('blank')
  const submit = () => {
    const template = flowTemplates.find((x) => x.id === start)
    const finalName = name.trim() || (template ? copyName(template, locale) : '') || t('flows.untitled')
    onCreate(template ? copyOf(template, locale, finalName) : blankFlow(finalName), template)
    onClose()
  }
  return (
    <Dialog title={t('flows.new')} onClose={onClose} testId="new-flow-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="new-flow-name">
            {t('flows.name')}
          </label>
          <input
            id="new-flow-name"
            className="input"
            value={name}
            placeholder={t('flows.untitled')}
            onChange={(e) => setName(e.target.value)}
            data-testid="new-flow-name"
          />
        </div>
        <fieldset className="choices">
          <legend className="field__label">{t('flows.startFrom')}</legend>
          {[
            { id: 'blank', label: t('flows.blank'), hint: t('flows.blankHint') },
            ...flowTemplates.map((x) => ({
              id: x.id,
              label: x.title ? localize(x.title) : x.flow.name,
              hint: x.description ? localize(x.description) : t(`flows.templates.${x.id}`),
            })),
          ].map((c) => (
            <label key={c.id} className={`choice${start === c.id ? ' choice--on' : ''}`}>
              <input
                type="radio"
                name="start"
                value={c.id}
                checked={start === c.id}
                onChange={() => setStart(c.id)}
              />
              <span>
                <strong>{c.label}</strong>
                {c.hint && <span className="choice__hint">{c.hint}</span>}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" data-testid="create-flow">
            {t('flows.create')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
