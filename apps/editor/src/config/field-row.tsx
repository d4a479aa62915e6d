import { Fragment, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocale, useLocalize } from '../i18n/use-locale.ts'
import type { FieldProblem } from './field-props.ts'

interface Props {
  id: string
  label: string
  help?: string
  required?: boolean
  problems: readonly FieldProblem[]
  testKey: string
  children: ReactNode
}

/** Label, control, help text and the validator's messages for one field, tied together for screen readers. */
export function FieldRow({ id, label, help, required, problems, testKey, children }: Props) {
  const locale = useLocale()
  const localize = useLocalize()
  // Messages for deeper paths (a list row's field) are shown there; this row shows only its own.
  const own = problems.filter((p) => p.path.length === 0)
  return (
    <div className={`field${own.some((p) => p.problem.severity === 'error') ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {own.map((p) => (
        <Fragment key={`${p.problem.code}:${p.problem.message}`}>
          <p
            className={`field__problem field__problem--${p.problem.severity}`}
            role="alert"
            data-testid={`field-problem-${testKey}`}
            lang={locale}
          >
            {localize(p.problem.localized)}
          </p>
          <TechnicalDetail problem={p.problem} />
        </Fragment>
      ))}
    </div>
  )
}

/** The template or expression engine's own words, for whoever wants them, folded away behind 详细信息. */
function TechnicalDetail({ problem }: { problem: FieldProblem['problem'] }) {
  const { t } = useTranslation()
  const original = problem.details?.liquid ?? problem.details?.jsonataMessage
  if (typeof original !== 'string') return null
  return (
    <details className="error-detail">
      <summary>{t('common.details')}</summary>
      <code lang="en">{original}</code>
    </details>
  )
}
