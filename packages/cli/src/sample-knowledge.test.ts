import { describe, expect, it } from 'vitest'
import { createSampleKnowledge } from './sample-knowledge.ts'

const knowledge = createSampleKnowledge()
const search = (ids: string[], query: string, topK = 3) =>
  knowledge.search({ knowledgeBaseIds: ids, query, topK, mode: 'hybrid' })

describe("the command line's search of a template's sample documents", () => {
  it('finds the section that answers the question, with its document and heading, best first', async () => {
    const chunks = await search(['sample:gov-policies'], '个体户营业执照要交什么材料？')
    expect(chunks[0]).toMatchObject({
      document: { name: '营业执照办理指南.md' },
      heading: '申请材料',
      knowledgeBaseId: 'sample:gov-policies',
    })
    expect(chunks.map((c) => c.score)).toEqual([...chunks.map((c) => c.score)].sort((a, b) => b - a))
  })

  it('refuses a real knowledge base id and an unknown sample: only a server keeps knowledge bases', async () => {
    await expect(search(['kb-123'], '居住证')).rejects.toMatchObject({ code: 'KNOWLEDGE_BASE_NOT_FOUND' })
    await expect(search(['sample:../templates'], '居住证')).rejects.toMatchObject({
      code: 'KNOWLEDGE_BASE_NOT_FOUND',
    })
  })
})
