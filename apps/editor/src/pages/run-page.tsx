import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getRun } from '../api/runs-api.ts'
import { hrefFor, navigate } from '../routing/use-route.ts'
import { ErrorText } from '../ui/error-text.tsx'

/**
 * A run named by its id alone — the run that called this one, or the run a flow.call started — opened where runs
 * are read: on its flow's canvas. A link cannot say the flow: a child row knows only its parent's run id.
 */
export function RunPage({ runId }: { runId: string }) {
  const { t } = useTranslation()
  const [problem, setProblem] = useState<{ error: unknown } | 'no-flow'>()
  useEffect(() => {
    let current = true
    setProblem(undefined)
    getRun(runId)
      .then((run) => {
        if (!current) return
        // Replaced, so the browser's back button returns to the page that linked here.
        if (run.flowId) navigate({ page: 'editor', flowId: run.flowId, runId }, { replace: true })
        else setProblem('no-flow')
      })
      .catch((error: unknown) => current && setProblem({ error }))
    return () => {
      current = false
    }
  }, [runId])
  if (!problem) return <p className="page-message">{t('common.loading')}</p>
  return (
    <div className="page-message">
      {problem === 'no-flow' ? <p>{t('runs.flowDeleted')}</p> : <ErrorText error={problem.error} />}
      <a className="btn" href={hrefFor({ page: 'runs' })}>
        {t('runs.backToList')}
      </a>
    </div>
  )
}
