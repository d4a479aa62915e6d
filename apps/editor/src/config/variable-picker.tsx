import { useTranslation } from 'react-i18next'
import { useLocalize } from '../i18n/use-locale.ts'
import type { useTemplateInput } from './use-template-input.ts'
import type { VariableGroup } from './variables.ts'

interface Props {
  list: ReturnType<typeof useTemplateInput>['list']
  onPick(path: string): void
}

/**
 * The `{{` completion list under a template field, grouped by the node the values come from: each value by name
 * ("热点线索 › 标题"), with the path it inserts in small print and the last run's value as an example. It never takes focus: the field keeps it and points at the active option with
 * aria-activedescendant; a click inserts without blurring the field.
 */
export function VariablePicker({ list, onPick }: Props) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const groupTitle = (g: VariableGroup) =>
    g.source === 'trigger'
      ? `${t('picker.trigger')} · ${g.name ?? ''}`
      : g.source === 'loop'
        ? t('picker.loop')
        : g.name || localize(g.title)

  let index = 0
  return (
    <div className="picker" data-testid="variable-picker">
      {list.groups.length === 0 && (
        <p className="picker__empty">{t(list.hasAny ? 'picker.noMatch' : 'picker.empty')}</p>
      )}
      <div className="picker__list" id={list.id} role="listbox" aria-label={t('picker.title')}>
        {list.groups.map((g, gi) => (
          // biome-ignore lint/a11y/useSemanticElements: an option group inside a listbox, not a form fieldset.
          <div key={`${g.source}:${g.nodeId ?? ''}`} role="group" aria-labelledby={`${list.id}-group-${gi}`}>
            <h4 id={`${list.id}-group-${gi}`}>{groupTitle(g)}</h4>
            {g.variables.map((v) => {
              const i = index++
              const active = i === list.active
              return (
                <div
                  key={v.path}
                  id={list.optionId(i)}
                  role="option"
                  aria-selected={active}
                  tabIndex={-1}
                  className={`picker__item${active ? ' picker__item--active' : ''}`}
                  data-testid={`var-${v.path}`}
                  // mousedown, not click: keep the focus (and the caret) in the field.
                  onMouseDown={(e) => {
                    e.preventDefault()
                    onPick(v.path)
                  }}
                >
                  <span className="picker__label">{v.label}</span>
                  <code className="picker__path">{v.path}</code>
                  {v.sample !== undefined && <span className="picker__sample">{v.sample}</span>}
                </div>
              )
            })}
          </div>
        ))}
      </div>
      <p className="picker__keys">{t('picker.keys')}</p>
    </div>
  )
}
