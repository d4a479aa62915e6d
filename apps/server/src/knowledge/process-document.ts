import { randomUUID } from 'node:crypto'
import type { KbDocumentWork, NewKbChunk, Store } from '@zhiliu/db'
import { chunkText, DEFAULT_CHUNKING } from './chunk-text.ts'
import type { Embed } from './embed.ts'
import { DocumentParseError, documentKind, parseDocument } from './parse-document.ts'
import { countTerms, segmentTerms } from './segment-terms.ts'

/** What is indexed and embedded for a chunk: its heading too, so that a chunk is found by its section's title. */
export const indexedText = (chunk: { heading: string | null; text: string }) =>
  chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text

/**
 * parsing → chunking → indexing → ready, each step stored so every process shows it; any error ends in `failed`
 * with its reason. A document replaced meanwhile is left to the claim of its new bytes.
 */
export async function processDocument(
  store: Store,
  work: KbDocumentWork,
  embedFor: (kbId: string) => Promise<Embed>,
  now: () => number,
): Promise<void> {
  const claimedAt = work.updatedAt
  try {
    const kind = documentKind(work.mimeType, work.name)
    if (!kind) throw new DocumentParseError(`"${work.mimeType}" is not a type a knowledge base reads`)
    const text = await parseDocument(work.content, kind)
    await store.setKbDocumentStatus(work.id, claimedAt, 'chunking', null)
    const pieces = chunkText(text, DEFAULT_CHUNKING)
    if (pieces.length === 0) throw new DocumentParseError('the document has no text')
    await store.setKbDocumentStatus(work.id, claimedAt, 'indexing', null)
    const embed = await embedFor(work.kbId)
    const vectors = await embed(pieces.map(indexedText))
    const chunks: NewKbChunk[] = pieces.map((piece, position) => {
      const terms = segmentTerms(indexedText(piece))
      return {
        id: randomUUID(),
        kbId: work.kbId,
        documentId: work.id,
        position,
        heading: piece.heading,
        text: piece.text,
        length: terms.length,
        embedding: vectors[position] ?? null,
        terms: countTerms(terms),
      }
    })
    await store.saveKbChunks(work.id, claimedAt, chunks, now())
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    await store.setKbDocumentStatus(work.id, claimedAt, 'failed', reason.slice(0, 500))
  }
}
