import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor } from '../editor/editor-store.ts'
import { Dialog } from '../ui/dialog.tsx'
import { LabelledSwitch } from '../ui/labelled-switch.tsx'
import { breakpointsIn } from './breakpoints.ts'
import { runDraft } from './run-controller.ts'
import { rememberInput, startingInput } from './test-input-memory.ts'
import { findTrigger, parseFieldValue, type TriggerField, triggerFields } from './trigger-fields.ts'

/**
 * "Run": a form for the trigger's declared inputs (or raw JSON when it declares none, or on request). The last
 * input is remembered per flow (see test-input-memory.ts).
 */
export function RunDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const trigger = findTrigger(useEditor.getState().nodes)
  const fields = triggerFields(trigger?.data.config, trigger?.data.type)
  const [memory] = useState(() => startingInput(flowId, useEditor.getState().meta.sampleInput, fields))
  const [values, setValues] = useState(memory.values)
  // Without declared fields there is no form; otherwise the mode last used (or a captured request needed).
  const [raw, setRaw] = useState(fields.length === 0 || memory.raw === true)
  const [rawText, setRawText] = useState(memory.rawText)
  const [error, setError] = useState<string | undefined>()
  const [step, setStep] = useState(false)
  const breakpoints = breakpointsIn(useEditor.getState().nodes.map((n) => n.id))

  const submit = () => {
    let body: unknown
    if (raw) {
      try {
        body = rawText.trim() === '' ? {} : JSON.parse(rawText)
      } catch {
        setError(t('run.badJson'))
        return
      }
    } else {
      const out: Record<string, unknown> = {}
      for (const f of fields) {
        const parsed = parseFieldValue(f.type, values[f.name] ?? '')
        if (!parsed.ok)
          return setError(t('run.badField', { name: f.description || f.name, type: t(`run.kind.${f.type}`) }))
        if (parsed.value === undefined && f.required)
          return setError(t('run.missingField', { name: f.description || f.name }))
        if (parsed.value !== undefined) out[f.name] = parsed.value
      }
      body = out
    }
    rememberInput(flowId, { values, rawText, raw })
    onClose()
    const debug = step || breakpoints.length > 0 ? { step, pauseBefore: breakpoints } : undefined
    void runDraft(flowId, body, debug)
  }

  return (
    <Dialog title={t('run.title')} onClose={onClose} testId="run-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <p className="dialog__lead">{t(fields.length ? 'run.leadFields' : 'run.leadRaw')}</p>
        {!raw &&
          fields.map((f) => (
            <InputRow
              key={f.name}
              field={f}
              value={values[f.name] ?? ''}
              onChange={(v) => setValues({ ...values, [f.name]: v })}
            />
          ))}
        {raw && (
          <div className="field">
            <label className="field__label" htmlFor="run-raw">
              {t('run.rawLabel')}
            </label>
            <textarea
              id="run-raw"
              className="input input--area input--mono"
              rows={8}
              value={rawText}
              onChange={(e) => setRawText(e.target.value)}
              data-testid="run-raw"
            />
          </div>
        )}
        {fields.length > 0 && (
          <button type="button" className="btn btn--ghost" onClick={() => setRaw(!raw)}>
            {t(raw ? 'run.useForm' : 'run.useRaw')}
          </button>
        )}
        <LabelledSwitch checked={step} onChange={setStep}>
          {t('run.step')}
        </LabelledSwitch>
        {breakpoints.length > 0 && (
          <p className="panel__note" data-testid="run-breakpoints">
            {t('run.breakpoints', { count: breakpoints.length })}
          </p>
        )}
        {error && (
          <p className="field__problem field__problem--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" data-testid="run-submit">
            {t('run.start')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

/** One input of the form: labelled with what people wrote for people; the field's name only on hover, or when that is missing. */
export function InputRow({
  field,
  value,
  onChange,
}: {
  field: TriggerField
  value: string
  onChange: (v: string) => void
}) {
  const { t } = useTranslation()
  const id = `run-field-${field.name}`
  return (
    <div className="field">
      {/* The name (`course`) is what templates use; a person filling in the form reads the label (课程内容). */}
      <label className="field__label" htmlFor={id} title={field.description ? field.name : undefined}>
        {field.description || field.name}
        {field.required && <span className="field__required"> *</span>}
        <span className="field__kind">
          {' · '}
          {t(`run.kind.${field.type}`)}
        </span>
      </label>
      {field.type === 'boolean' ? (
        <select
          id={id}
          className="input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={id}
        >
          <option value="">{t('run.unset')}</option>
          <option value="true">{t('run.yes')}</option>
          <option value="false">{t('run.no')}</option>
        </select>
      ) : field.type === 'string' ? (
        <textarea
          id={id}
          className="input input--area"
          rows={2}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={id}
        />
      ) : (
        <input
          id={id}
          className={`input${field.type === 'number' ? '' : ' input--mono'}`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={id}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
        />
      )}
    </div>
  )
}
