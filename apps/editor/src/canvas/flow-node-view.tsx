import { Handle, type NodeProps, Position } from '@xyflow/react'
import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useEntry } from '../catalogue/catalogue-store.ts'
import { configSummary } from '../catalogue/config-summary.ts'
import { outputPortsOf } from '../catalogue/node-ports.ts'
import { labelReferences, referencedIds } from '../config/variable-labels.ts'
import { useEditor } from '../editor/editor-store.ts'
import type { CanvasNode } from '../editor/flow-mapping.ts'
import { frameSizeOf, parseFrameSize } from '../editor/loop-frames.ts'
import { problemsOf, validationOf } from '../editor/validation-view.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useBreakpoints } from '../run/breakpoints.ts'
import { liveText } from '../run/live-text.ts'
import { useRun } from '../run/run-store.ts'
import { canvasLookup, referencedState } from './canvas-lookup.ts'
import { StatusBadge } from './status-badge.tsx'

/**
 * The one view for every node kind: title, ports, a one-line summary, the run badge and the validator's marker,
 * all derived from the catalogue entry. It subscribes only to its own problems and its own run status.
 */
function FlowNodeViewInner({ id, data, selected }: NodeProps<CanvasNode>) {
  const { t } = useTranslation()
  const locale = useLocale()
  const entry = useEntry(data.type, data.version)
  const problems = useEditor((s) => problemsOf(validationOf(s), id))
  const status = useRun((s) => s.nodeStatus[id])
  // A loop draws a frame around its body; only loops pay for watching where their children are.
  const frame = useEditor((s) => (entry?.iterates ? frameSizeOf(s.nodes, id) : undefined))
  const streamed = useRun((s) => (s.nodeStatus[id] === 'running' ? s.text[id] : undefined))
  const breakpoint = useBreakpoints((s) => s.ids[id] === true)

  const title = data.name || entry?.title[locale] || data.type
  const outputs = outputPortsOf(entry, data.config, data.settings)
  const inputs = entry?.inputs ?? []
  const errors = problems.filter((p) => p.severity === 'error')
  // References read by the current names of the nodes they point at, so the card follows a rename. Only a change
  // to those nodes recomputes the summary: cards do not redo it while another node is dragged.
  const refIds = useMemo(() => referencedIds(JSON.stringify(data.config)), [data.config])
  const refState = useEditor((s) => (refIds.length > 0 ? referencedState(s.nodes, refIds) : ''))
  // biome-ignore lint/correctness/useExhaustiveDependencies: refState stands for the referenced nodes read inside
  const summary = useMemo(
    () =>
      configSummary(
        entry,
        data.config,
        locale,
        (label, count) => t('node.count', { label, count }),
        (text) => labelReferences(text, canvasLookup(useEditor.getState().nodes), locale),
      ),
    [entry, data.config, locale, t, refState],
  )
  const classes = [
    'fnode',
    `fnode--${entry?.category ?? 'unknown'}`,
    selected ? 'fnode--selected' : '',
    errors.length > 0 ? 'fnode--invalid' : '',
    status ? `fnode--${status}` : '',
    frame ? 'fnode--loop' : '',
  ]

  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${id}`}
      data-status={status ?? ''}
      style={frame ? parseFrameSize(frame) : undefined}
    >
      <div className="fnode__head">
        <button
          type="button"
          className={`fnode__breakpoint nodrag${breakpoint ? ' fnode__breakpoint--on' : ''}`}
          aria-pressed={breakpoint}
          aria-label={t('node.breakpoint')}
          title={t('node.breakpoint')}
          onClick={(e) => {
            e.stopPropagation()
            useBreakpoints.getState().toggle(id)
          }}
          data-testid={`breakpoint-${id}`}
        />
        <span className="fnode__title">{title}</span>
        {status && <StatusBadge status={status} />}
      </div>
      {!entry && <div className="fnode__summary">{t('node.unknownType', { type: data.type })}</div>}
      {summary && <div className="fnode__summary">{summary}</div>}
      <div className="fnode__ports">
        <div className="fnode__inputs">
          {inputs.map((p) => (
            <div key={p.name} className="fnode__port fnode__port--in">
              <Handle type="target" position={Position.Left} id={p.name} aria-label={p.label[locale]} />
              {inputs.length > 1 && <span>{p.label[locale]}</span>}
            </div>
          ))}
        </div>
        <div className="fnode__outputs">
          {outputs.map((p) => (
            <div key={p.name} className={`fnode__port fnode__port--out fnode__port--${p.name}`}>
              {outputs.length > 1 && <span>{p.label[locale]}</span>}
              <Handle type="source" position={Position.Right} id={p.name} aria-label={p.label[locale]} />
            </div>
          ))}
        </div>
      </div>
      {frame && <p className="fnode__frame-hint">{t('node.loopHint')}</p>}
      {streamed && <div className="fnode__stream">{liveText(streamed, data, locale).slice(-240)}</div>}
      {errors[0] && (
        <div className="fnode__problem" role="status" data-testid={`node-problem-${id}`}>
          {errors[0].localized[locale]}
          {errors.length > 1 && ` ${t('node.moreProblems', { count: errors.length - 1 })}`}
        </div>
      )}
      {!errors[0] && problems[0] && (
        // Warnings (a node not connected yet) are normal while building: a small marker, not a red block.
        <div
          className="fnode__warning"
          title={problems[0].localized[locale]}
          data-testid={`node-warning-${id}`}
        >
          ⚠ {problems[0].code === 'UNREACHABLE_NODE' ? t('node.warning') : problems[0].localized[locale]}
        </div>
      )}
    </div>
  )
}

export const FlowNodeView = memo(FlowNodeViewInner)
