import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FlowStep } from './flow-steps.ts'

/**
 * A shared flow on a phone: one card per step, in run order, at a size one can read. A card opens with a tap to
 * show the step's settings (the prompt, the template) as plain text; React escapes them, so no markup a flow's
 * author typed is ever drawn as HTML.
 */
export function SharedStepList({ steps }: { steps: readonly FlowStep[] }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was)
      if (!next.delete(id)) next.add(id)
      return next
    })

  return (
    <ol className="steps" data-testid="shared-steps">
      {steps.map((step, i) => {
        const expanded = open.has(step.id)
        return (
          <li key={step.id} className="step-card" data-testid={`step-${step.id}`}>
            <button
              type="button"
              className="step-card__head"
              aria-expanded={expanded}
              aria-controls={`step-body-${step.id}`}
              onClick={() => toggle(step.id)}
              data-testid={`step-toggle-${step.id}`}
            >
              <span className="step-card__number">{i + 1}</span>
              <span className="step-card__name">{step.name}</span>
              <span className="step-card__chevron" aria-hidden="true">
                {expanded ? '▾' : '▸'}
              </span>
            </button>
            <p className="step-card__description">{step.description}</p>
            {expanded && (
              <div id={`step-body-${step.id}`} data-testid={`step-body-${step.id}`}>
                {step.settings.length === 0 ? (
                  <p className="step-card__empty">{t('shared.noSettings')}</p>
                ) : (
                  <dl className="step-card__settings">
                    {step.settings.map((s) => (
                      <div key={s.key} className="step-card__setting">
                        <dt>{s.label}</dt>
                        <dd>{s.text}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </div>
            )}
          </li>
        )
      })}
    </ol>
  )
}
