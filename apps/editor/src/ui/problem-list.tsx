import type { FlowProblem } from '@zhiliu/engine'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/request.ts'
import { nodeLabel } from '../config/variable-labels.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocale } from '../i18n/use-locale.ts'

/** The problems a 422 `FLOW_INVALID` (publishing or a manual run refused) carries in `details.problems`. */
export function problemsIn(err: unknown): FlowProblem[] {
  const details = err instanceof ApiError ? err.details : (err as { details?: unknown } | undefined)?.details
  if (typeof details !== 'object' || details === null) return []
  const problems = (details as { problems?: unknown }).problems
  return Array.isArray(problems) ? (problems as FlowProblem[]) : []
}

/** Why the server refused the draft: each problem with its node, in the reader's language. */
export function ProblemList({ problems, lead }: { problems: readonly FlowProblem[]; lead: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (problems.length === 0) return null
  return (
    <div role="alert" className="notice notice--error" data-testid="refused-problems">
      <p>{lead}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path.join('.')}:${p.code}`}>
            {p.nodeId && <ProblemNode id={p.nodeId} />} {p.localized?.[locale] ?? p.message}
          </li>
        ))}
      </ul>
      <p className="error-detail">{t('publish.fixHint')}</p>
    </div>
  )
}

/** The node as the canvas titles it ("发到新媒体部企业微信群"), its id only when it is not on the canvas. */
function ProblemNode({ id }: { id: string }) {
  const locale = useLocale()
  const data = useEditor((s) => s.nodes.find((n) => n.id === id)?.data)
  return <strong>{data ? nodeLabel(data, locale) : id}：</strong>
}
