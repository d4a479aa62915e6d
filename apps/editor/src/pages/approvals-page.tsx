import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listApprovals, type PendingApproval } from '../api/approvals-api.ts'
import { getRun } from '../api/runs-api.ts'
import { hrefFor } from '../routing/use-route.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { refreshWaitingApprovals } from '../ui/waiting-approvals.ts'
import { ApprovalCard } from './approval-card.tsx'
import { publishedPagesIn, stillGoing } from './published-pages.ts'

/**
 * The approvals inbox (审核): every draft a run is waiting on, oldest first; reached from a waiting run (`runId`),
 * that run's drafts come first, marked.
 */
export function ApprovalsPage({ runId }: { runId?: string }) {
  const { t } = useTranslation()
  const [items, setItems] = useState<PendingApproval[]>()
  const [error, setError] = useState<unknown>()
  const [decidedItem, setDecidedItem] = useState<PendingApproval>()
  const [pages, setPages] = useState<string[]>([])
  const following = useRef('')

  const load = useCallback(() => {
    listApprovals()
      .then((r) => setItems(r.items))
      .catch(setError)
  }, [])
  useEffect(load, [load])

  const decided = (item: PendingApproval) => {
    setItems((list) => list?.filter((i) => i.runId !== item.runId || i.nodeKey !== item.nodeKey))
    setDecidedItem(item)
    refreshWaitingApprovals()
    setPages([])
    following.current = item.runId
    void followRun(item.runId).then((found) => {
      if (following.current === item.runId) setPages(found)
    })
  }

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('approvals.title')}</h1>
      </div>
      <p className="page__lead">{t('approvals.lead')}</p>
      <ErrorText error={error} />
      {decidedItem && (
        <p className="hint" role="status" data-testid="approval-notice">
          {t('approvals.decided')}{' '}
          {decidedItem.flowId && (
            <a
              href={hrefFor({ page: 'editor', flowId: decidedItem.flowId, runId: decidedItem.runId })}
              data-testid="approval-open-run"
            >
              {t('approvals.openRun')}
            </a>
          )}
          {pages.map((href) => (
            <a
              key={href}
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="approval-open-page"
            >
              {' '}
              {t('approvals.openPage')}
            </a>
          ))}
        </p>
      )}
      {items === undefined && !error && <p>{t('common.loading')}</p>}
      {items?.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('approvals.emptyTitle')}</p>
          <p>{t('approvals.emptyBody')}</p>
        </div>
      )}
      {items &&
        [...items.filter((i) => i.runId === runId), ...items.filter((i) => i.runId !== runId)].map((item) => (
          <ApprovalCard
            key={`${item.runId}/${item.nodeKey}`}
            item={item}
            focused={item.runId === runId}
            onDecided={() => decided(item)}
          />
        ))}
    </div>
  )
}

/** The run goes on after a decision: wait for it (a few seconds at most) and give the pages it published. */
async function followRun(runId: string): Promise<string[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const run = await getRun(runId).catch(() => undefined)
    if (!run) return []
    if (!stillGoing(run)) return publishedPagesIn(run, window.location.origin)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return []
}
