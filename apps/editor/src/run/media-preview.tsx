import { useTranslation } from 'react-i18next'
import { mediaInOutput } from './media-in-output.ts'

/** Thumbnails of the images and players for the audio a node stored, above its output as data. */
export function MediaPreview({ output }: { output: unknown }) {
  const { t } = useTranslation()
  const items = mediaInOutput(output)
  if (items.length === 0) return null
  return (
    <div className="inspect__media" data-testid="node-media">
      {items.map((item) =>
        item.kind === 'image' ? (
          <a key={item.url} href={item.url} target="_blank" rel="noreferrer">
            <img src={item.url} alt={t('inspect.generatedImage')} loading="lazy" />
          </a>
        ) : (
          // biome-ignore lint/a11y/useMediaCaption: generated speech has no captions; its text is the node's input
          <audio key={item.url} src={item.url} controls preload="metadata" />
        ),
      )}
    </div>
  )
}
