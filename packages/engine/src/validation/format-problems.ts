import type { Locale } from '@zhiliu/nodes'
import { formatRef } from './format-ref.ts'
import type { FlowProblem } from './problem.ts'

const labels = {
  en: { node: 'node', edge: 'connection', flow: 'flow', warning: 'warning: ' },
  'zh-CN': { node: '节点', edge: '连线', flow: '流程', warning: '提醒：' },
} satisfies Record<Locale, Record<string, string>>

/**
 * One line per problem for the CLI and logs: `node "summarize" (config.template): …`. The place comes first so a
 * person can find it on the canvas, the field in brackets so they know which box to fix.
 */
export function formatProblem(p: FlowProblem, locale: Locale = 'en'): string {
  const l = labels[locale]
  const [list, , ...rest] = p.path
  let owner: string | undefined
  if (list === 'edges' && p.edgeId !== undefined) owner = `${l.edge} "${p.edgeId}"`
  else if (list === 'nodes' && p.nodeId !== undefined) owner = `${l.node} "${p.nodeId}"`
  const field = owner ? rest : p.path
  const detail = field.length > 0 ? ` (${formatRef(String(field[0]), field.slice(1))})` : ''
  const text = locale === 'en' ? p.message : p.localized[locale]
  return `${p.severity === 'warning' ? l.warning : ''}${owner ?? l.flow}${detail}: ${text}`
}

export function formatProblems(problems: readonly FlowProblem[], locale: Locale = 'en'): string {
  return problems.map((p) => formatProblem(p, locale)).join('\n')
}
