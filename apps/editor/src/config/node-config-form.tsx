import type { FlowProblem } from '@zhiliu/engine'
import type { CatalogueEntry } from '@zhiliu/nodes'
import { fieldsOf } from '../catalogue/schema-fields.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocalize } from '../i18n/use-locale.ts'
import { FieldControl } from './field-control.tsx'
import { type FieldProblem, problemsUnder } from './field-props.ts'
import { FieldRow } from './field-row.tsx'
import { shownFields } from './shown-fields.ts'

interface Props {
  nodeId: string
  entry: CatalogueEntry
  config: Record<string, unknown>
  problems: readonly FlowProblem[]
}

/** `['nodes', 3, 'config', 'fields', 0, 'name']` → `['fields', 0, 'name']`: where in the form a problem belongs. */
export function configProblems(problems: readonly FlowProblem[]): FieldProblem[] {
  return problems.filter((p) => p.path[2] === 'config').map((p) => ({ path: p.path.slice(3), problem: p }))
}

/** The config form of one node, generated from its catalogue entry's JSON Schema and UI hints. */
export function NodeConfigForm({ nodeId, entry, config, problems }: Props) {
  const localize = useLocalize()
  const updateConfig = useEditor((s) => s.updateConfig)
  const fieldProblems = configProblems(problems)
  return (
    <div className="config-form">
      {shownFields(
        fieldsOf(entry.configSchema),
        config,
        (key) => problemsUnder(fieldProblems, key).length > 0,
      ).map((f) => {
        const id = `cfg-${nodeId}-${f.key}`
        const own = problemsUnder(fieldProblems, f.key)
        return (
          <FieldRow
            key={f.key}
            id={id}
            label={localize(f.ui?.label) || f.key}
            help={localize(f.ui?.help) || undefined}
            required={f.required}
            problems={own}
            testKey={f.key}
          >
            <FieldControl
              id={id}
              nodeId={nodeId}
              field={f}
              value={config[f.key]}
              problems={own}
              onChange={(value) => {
                // Read the latest config: a list row and its parent may both have changed since this render.
                const latest = useEditor.getState().nodes.find((n) => n.id === nodeId)?.data.config ?? config
                const next = { ...latest }
                if (value === undefined) delete next[f.key]
                else next[f.key] = value
                updateConfig(nodeId, next, f.key)
              }}
            />
          </FieldRow>
        )
      })}
    </div>
  )
}
