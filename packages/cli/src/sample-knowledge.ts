import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type KnowledgeRetriever, NodeError, type RetrievedChunk } from '@zhiliu/nodes'

/** How a template's kb.retrieve names its sample knowledge base; "New flow" in the editor swaps in a real one's id. */
export const SAMPLE_KB_PREFIX = 'sample:'

/** The sample documents of the templates (templates/knowledge/<sample>/*.md). */
export const SAMPLE_KNOWLEDGE_DIR = fileURLToPath(new URL('../../../templates/knowledge/', import.meta.url))

interface Section {
  document: string
  heading: string | null
  text: string
}

/**
 * `ctx.knowledge` for the command line, which keeps no knowledge bases: a template's `sample:<folder>` is searched
 * in its Markdown files directly, section by section, scored by the share of the question's character pairs a
 * section contains. Enough for `zhiliu run --template gov-service-qa --demo` to answer from the right passage
 * offline; the server's index (jieba + BM25, vectors, fusion) is what flows use for real.
 */
export function createSampleKnowledge(dir: string = SAMPLE_KNOWLEDGE_DIR): KnowledgeRetriever {
  return {
    async search(query) {
      const found: RetrievedChunk[] = []
      for (const kbId of query.knowledgeBaseIds) {
        if (!kbId.startsWith(SAMPLE_KB_PREFIX)) {
          throw new NodeError(
            'KNOWLEDGE_BASE_NOT_FOUND',
            `the command line searches only a template's sample documents (sample:<folder>), not "${kbId}"`,
          )
        }
        const sections = await readSample(dir, kbId.slice(SAMPLE_KB_PREFIX.length))
        const pairs = charPairs(query.query)
        sections.forEach((s, i) => {
          const own = charPairs(`${s.heading ?? ''}${s.text}`)
          const shared = [...pairs].filter((p) => own.has(p)).length
          const score = pairs.size ? Math.round((shared / pairs.size) * 10_000) / 10_000 : 0
          if (score === 0 || (query.threshold !== undefined && score < query.threshold)) return
          found.push({
            chunkId: `${kbId}/${s.document}#${i}`,
            text: s.text,
            heading: s.heading,
            score,
            document: { id: s.document, name: s.document },
            knowledgeBaseId: kbId,
          })
        })
      }
      return found.sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1)).slice(0, query.topK)
    },
  }
}

async function readSample(dir: string, sample: string): Promise<Section[]> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sample)) throw notFound(sample)
  const names = (await readdir(join(dir, sample)).catch(() => [])).filter((n) => n.endsWith('.md')).sort()
  if (names.length === 0) throw notFound(sample)
  const sections: Section[] = []
  for (const name of names) {
    const text = await readFile(join(dir, sample, name), 'utf8')
    // A `## ` heading starts a section; the `# ` title is the document's name already.
    let heading: string | null = null
    let lines: string[] = []
    const flush = () => {
      const body = lines.join('\n').trim()
      if (body) sections.push({ document: name, heading, text: body })
      lines = []
    }
    for (const line of text.split('\n')) {
      if (/^#\s/.test(line)) continue
      const h2 = /^##\s+(.*)$/.exec(line)
      if (h2) {
        flush()
        heading = h2[1]?.trim() ?? null
      } else lines.push(line)
    }
    flush()
  }
  return sections
}

function charPairs(text: string): Set<string> {
  const pairs = new Set<string>()
  for (const run of text.match(/[\p{Script=Han}\p{L}\p{N}]+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) pairs.add(run.slice(i, i + 2).toLowerCase())
  }
  return pairs
}

function notFound(sample: string): NodeError {
  return new NodeError('KNOWLEDGE_BASE_NOT_FOUND', `no sample documents "${sample}" in templates/knowledge/`)
}
