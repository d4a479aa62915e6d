import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ChatConversation, type ChatTurn, listChatTurns, listConversations } from '../api/chat-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { hrefFor } from '../routing/use-route.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'

/**
 * 对话记录: a chat app's conversations with readers, most recent first, with the thumbs they gave; one opens to its
 * questions and answers. Everything here was written by visitors or a model, so it is shown as text.
 */
export function ConversationsPage({ flowId }: { flowId: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [items, setItems] = useState<ChatConversation[]>()
  const [open, setOpen] = useState<string>()
  const [turns, setTurns] = useState<ChatTurn[]>()
  const [error, setError] = useState<unknown>()
  useEffect(() => {
    listConversations(flowId)
      .then((r) => setItems(r.items))
      .catch(setError)
  }, [flowId])
  useEffect(() => {
    setTurns(undefined)
    if (open === undefined) return
    listChatTurns(flowId, open)
      .then((r) => setTurns(r.items))
      .catch(setError)
  }, [flowId, open])

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('chat.title')}</h1>
        <a className="btn btn--ghost" href={hrefFor({ page: 'editor', flowId })}>
          {t('chat.backToFlow')}
        </a>
      </div>
      <p className="page__lead">{t('chat.lead')}</p>
      <ErrorText error={error} />
      {items === undefined && !error && <p>{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty__title">{t('chat.empty')}</p>}
      {items && items.length > 0 && (
        <table className="table" data-testid="conversations">
          <thead>
            <tr>
              <th>{t('chat.firstQuestion')}</th>
              <th>{t('chat.turns')}</th>
              <th>👍 / 👎</th>
              <th>{t('chat.lastAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.conversationId} aria-selected={open === c.conversationId}>
                <td>
                  <button type="button" className="link-button" onClick={() => setOpen(c.conversationId)}>
                    {c.firstQuestion}
                  </button>
                </td>
                <td>{c.turns}</td>
                <td>
                  {c.thumbsUp} / {c.thumbsDown}
                </td>
                <td>{formatTime(c.lastAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {turns?.map((turn) => (
        <article key={turn.id} className="chat-turn" data-testid="chat-turn">
          <p className="chat-turn__question">
            <strong>{t('chat.question')}</strong> {turn.question}
          </p>
          <p className="chat-turn__answer">{turn.answer}</p>
          <p className="chat-turn__meta">
            {turn.rating === 1 ? '👍' : turn.rating === -1 ? '👎' : ''}{' '}
            {turn.citations.map((c, i) => `[${i + 1}] ${c.document}`).join('　')}{' '}
            {turn.runId && (
              <a href={hrefFor({ page: 'editor', flowId, runId: turn.runId })}>{t('chat.run')}</a>
            )}
          </p>
        </article>
      ))}
    </div>
  )
}
