import { useTranslation } from 'react-i18next'
import { z } from 'zod'

// The fields of kb.retrieve's output this view reads; anything else in the output stays in the JSON below it.
const Chunk = z.object({
  chunkId: z.string(),
  text: z.string(),
  heading: z.string().nullable().optional(),
  score: z.number(),
  document: z.object({ name: z.string() }),
  keywordRank: z.number().optional(),
  vectorRank: z.number().optional(),
})
type Chunk = z.infer<typeof Chunk>
const Retrieved = z.object({ chunks: z.array(Chunk), context: z.string() })

/** The passages a knowledge search found (kb.retrieve's output), or undefined for any other output. */
export function retrievedChunksOf(value: unknown): Chunk[] | undefined {
  const parsed = Retrieved.safeParse(value)
  return parsed.success ? parsed.data.chunks : undefined
}

/**
 * What a knowledge search found, as a person checks it: numbered as the prompt cites them ([1] is the first), each
 * with its document, heading, score and where each index ranked it, and the passage itself.
 */
export function RetrievedChunks({ chunks }: { chunks: readonly Chunk[] }) {
  const { t } = useTranslation()
  return (
    <section data-testid="retrieved-chunks">
      <h3>{t('inspect.retrieved', { count: chunks.length })}</h3>
      {chunks.length === 0 && <p className="panel__note">{t('inspect.retrievedNone')}</p>}
      <ol className="retrieved">
        {chunks.map((chunk, i) => (
          <li key={chunk.chunkId} className="retrieved__chunk" data-testid="retrieved-chunk">
            <div className="retrieved__head">
              <strong data-testid="retrieved-document">
                [{i + 1}] {chunk.document.name}
              </strong>
              <span className="inspect__timing" data-testid="retrieved-score">
                {t('inspect.retrievedScore', { score: chunk.score.toFixed(3) })}
                {chunk.keywordRank !== undefined &&
                  ` · ${t('inspect.keywordRank', { rank: chunk.keywordRank })}`}
                {chunk.vectorRank !== undefined &&
                  ` · ${t('inspect.vectorRank', { rank: chunk.vectorRank })}`}
              </span>
            </div>
            {chunk.heading && <div className="retrieved__heading">{chunk.heading}</div>}
            <p className="retrieved__text" data-testid="retrieved-text">
              {chunk.text}
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
}
