import { lazy, Suspense } from 'react'

// The Markdown parser is a fifth of the editor's code: loaded with the first result shown, not with the editor.
const MarkdownText = lazy(() => import('./markdown-text.tsx').then((m) => ({ default: m.MarkdownText })))

/** Markdown rendered safely (see markdown-text.tsx); the plain text shows for the moment the parser takes to load. */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  return (
    <Suspense
      fallback={
        <div className="markdown markdown--plain" data-testid={testId}>
          {text}
        </div>
      }
    >
      <MarkdownText text={text} testId={testId} />
    </Suspense>
  )
}
