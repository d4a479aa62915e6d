import { flowInputFields, type InputField } from '@zhiliu/nodes'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FlowSummary, getFlow, listFlows } from '../../api/flows-api.ts'
import { useEditor } from '../../editor/editor-store.ts'
import type { FieldProps } from '../field-props.ts'
import { ChoiceSelect } from './choice-select.tsx'
import { InputFieldRows } from './input-field-rows.tsx'

/**
 * The flows the edited flow may call: its owner's, other than itself (a flow calling itself is a loop). A flow calls
 * as its owner (runs/flow-caller.ts), so an owner-role user, who sees every colleague's flows, is not offered theirs.
 */
function useCallableFlows(): FlowSummary[] {
  const [flows, setFlows] = useState<FlowSummary[]>([])
  const editing = useEditor((s) => s.flowId)
  useEffect(() => {
    let current = true
    Promise.all([listFlows(), editing ? getFlow(editing) : undefined])
      .then(([page, flow]) => {
        const owner = flow?.ownerId
        const callable = page.items.filter((f) => f.id !== editing && (!owner || f.ownerId === owner))
        if (current) setFlows(callable)
      })
      .catch(() => current && setFlows([]))
    return () => {
      current = false
    }
  }, [editing])
  return flows
}

/** `flow.call`'s flow: a picker of the user's flows, unpublished ones marked. */
export function FlowWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const flows = useCallableFlows()
  const current = typeof value === 'string' ? value : ''
  const choices = flows.map((f) => ({
    value: f.id,
    label: f.publishedVersion === null ? `${f.name}${t('form.flowUnpublished')}` : f.name,
  }))
  return (
    <ChoiceSelect
      id={id}
      testId={`input-${field.key}`}
      current={current}
      choices={choices}
      onChange={onChange}
    />
  )
}

/** An agent's flow tools: every flow with a check box. */
export function FlowsWidget({ id, field, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const flows = useCallableFlows()
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  if (flows.length === 0) return <p className="field__help">{t('form.noFlows')}</p>
  return (
    <div id={id} className="flow-tools" data-testid={`input-${field.key}`}>
      {flows.map((f) => (
        <label key={f.id} className="checkbox">
          <input
            type="checkbox"
            data-testid={`flow-tool-${f.id}`}
            checked={chosen.includes(f.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, f.id] : chosen.filter((c) => c !== f.id))
            }
          />{' '}
          {f.publishedVersion === null ? `${f.name}${t('form.flowUnpublished')}` : f.name}
        </label>
      ))}
    </div>
  )
}

/** `flow.call`'s inputs: one text box per input field the chosen flow's trigger declares. */
export function FlowInputsWidget({ id, field, nodeId, value, onChange }: FieldProps) {
  const { t } = useTranslation()
  const flowId = useEditor((s) => {
    const config = s.nodes.find((n) => n.id === nodeId)?.data.config
    return typeof config?.flowId === 'string' ? config.flowId : ''
  })
  const [fields, setFields] = useState<InputField[]>([])
  useEffect(() => {
    let current = true
    if (!flowId) {
      setFields([])
      return
    }
    getFlow(flowId)
      .then((flow) => current && setFields(flowInputFields(flow.document.nodes)))
      .catch(() => current && setFields([]))
    return () => {
      current = false
    }
  }, [flowId])
  const values = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  if (!flowId) return <p className="field__help">{t('form.chooseFlowFirst')}</p>
  if (fields.length === 0) return <p className="field__help">{t('form.flowTakesAnything')}</p>
  return (
    <InputFieldRows
      id={id}
      testId={`input-${field.key}`}
      inputTestId="flow-input-"
      fields={fields}
      values={values}
      onChange={onChange}
    />
  )
}
