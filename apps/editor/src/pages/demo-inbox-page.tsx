import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type DemoMessage, listDemoMessages } from '../api/demo-messages-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { Markdown } from '../run/markdown.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'

/**
 * 演示接收端: what publish steps sent to the built-in demo receiver, as the group chat or mailbox would show it and
 * clearly labelled as a demo. The text is shown as text: nothing a flow produced is ever rendered as HTML here.
 */
export function DemoInboxPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const [items, setItems] = useState<DemoMessage[]>()
  const [error, setError] = useState<unknown>()
  useEffect(() => {
    listDemoMessages()
      .then((r) => setItems(r.items))
      .catch(setError)
  }, [])

  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('demo.title')}</h1>
      </div>
      <p className="page__lead">{t('demo.lead')}</p>
      <ErrorText error={error} />
      {items === undefined && !error && <p>{t('common.loading')}</p>}
      {items?.length === 0 && (
        <div className="empty">
          <p className="empty__title">{t('demo.emptyTitle')}</p>
          <p>{t('demo.emptyBody')}</p>
        </div>
      )}
      {items?.map((m) => (
        <article key={m.id} className={`demo-msg demo-msg--${m.channel}`} data-testid="demo-message">
          <header className="demo-msg__head">
            <strong>{t(`demo.channel.${m.channel}`)}</strong>
            <span className="demo-msg__label">{t('demo.label')}</span>
            <span className="demo-msg__time">{formatTime(m.createdAt, locale)}</span>
          </header>
          {m.title && <h2 className="demo-msg__title">{m.title}</h2>}
          {/* As the group shows it: Markdown formatted (safely: HTML in it stays text), plain text as it is. */}
          {m.format === 'markdown' ? (
            <div className="demo-msg__markdown">
              <Markdown text={m.body} testId="demo-message-body" />
            </div>
          ) : (
            <div className="demo-msg__body" data-testid="demo-message-body">
              {m.body}
            </div>
          )}
        </article>
      ))}
    </div>
  )
}
