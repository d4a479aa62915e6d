import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Decision, decideApproval, type PendingApproval } from '../api/approvals-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { hrefFor } from '../routing/use-route.ts'
import { Markdown } from '../run/markdown.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'

/**
 * One waiting draft: its content as formatted text (Markdown rendered; HTML in a model's draft shown as text, never
 * run: see MarkdownText), an editable copy, and the three decisions. `onDecided` removes it from the inbox.
 */
export function ApprovalCard({
  item,
  focused = false,
  onDecided,
}: {
  item: PendingApproval
  /** The draft of the run the person came from: marked, so it is clear which one to decide. */
  focused?: boolean
  onDecided: () => void
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [content, setContent] = useState(item.content)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [hint, setHint] = useState('')
  const edited = content !== item.content

  const send = async (decision: Decision) => {
    setBusy(true)
    setError(undefined)
    try {
      await decideApproval(item, decision)
      onDecided()
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }
  const reject = () => {
    if (!comment.trim()) return setHint(t('approvals.needComment'))
    void send({ decision: 'reject', comment })
  }
  const approve = () => void send({ decision: 'approve', ...(edited ? { content } : {}), comment })

  return (
    <article
      className={focused ? 'card approval approval--focus' : 'card approval'}
      data-testid="approval-item"
      data-focus={focused ? 'true' : undefined}
    >
      <h2>{item.title || item.nodeId}</h2>
      <p className="page__lead">
        {t('approvals.flow')}: {item.flowName ?? '–'} · {t('approvals.requested')}:{' '}
        {formatTime(Date.parse(item.requestedAt), locale)}
        {item.deadlineAt &&
          ` · ${t('approvals.deadline')}: ${formatTime(Date.parse(item.deadlineAt), locale)}`}
        {item.assignee && ` · ${t('approvals.assignee')}: ${item.assignee}`}
        {item.approver &&
          ` · ${t('approvals.approver')}: ${'email' in item.approver ? item.approver.email : t('members.roles.owner')}`}
        {item.flowId && (
          <>
            {' · '}
            <a href={hrefFor({ page: 'editor', flowId: item.flowId, runId: item.runId })}>
              {t('approvals.openRun')}
            </a>
          </>
        )}
      </p>
      <h3>{t('approvals.preview')}</h3>
      <div className="approval__preview">
        <Markdown text={content} testId="approval-preview" />
      </div>
      <label className="field">
        {t('approvals.edit')}
        <textarea
          className="input approval__text"
          value={content}
          rows={8}
          onChange={(e) => setContent(e.target.value)}
          data-testid="approval-content"
        />
      </label>
      <label className="field">
        {t('approvals.comment')}
        <input
          className="input"
          value={comment}
          onChange={(e) => {
            setComment(e.target.value)
            setHint('')
          }}
          data-testid="approval-comment"
        />
      </label>
      {hint && <p className="error-text">{hint}</p>}
      <ErrorText error={error} />
      <div className="approval__actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy}
          onClick={approve}
          data-testid="approve"
        >
          {edited ? t('approvals.approveEdited') : t('approvals.approve')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={reject} data-testid="reject">
          {t('approvals.reject')}
        </button>
      </div>
    </article>
  )
}
