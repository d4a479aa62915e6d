import { Flow, type Locale } from '@zhiliu/nodes'
import { createFlow, publishFlow } from '../api/flows-api.ts'
import { createSampleKnowledgeBase, listDocuments } from '../api/knowledge-api.ts'
import { copyOf, flowTemplates, type TemplateNeeds } from './flow-templates.ts'

/**
 * What a template's flow refers to by name is made first and the names replaced by ids:
 * - a template whose agent calls other templates (智能客服's order-status and FAQ flows) names them
 *   `template:<slug>`: each is created from its template and published;
 * - a kb.retrieve that answers from sample documents (政务服务问答, 读者互动) names `sample:<folder>`: the server
 *   imports templates/knowledge/<folder> into a knowledge base of the person's (or reuses theirs of that name).
 */
export async function createCompanions(flow: Flow, needs: TemplateNeeds, locale: Locale): Promise<Flow> {
  let text = JSON.stringify(flow)
  const swap = (name: string, id: string) => {
    text = text.replaceAll(JSON.stringify(name), JSON.stringify(id))
  }
  for (const slug of needs.companions ?? []) {
    const companion = flowTemplates.find((t) => t.id === slug)
    if (!companion) continue
    const created = await createFlow(copyOf(companion, locale))
    await publishFlow(created.id)
    swap(`template:${slug}`, created.id)
  }
  for (const kb of needs.knowledgeBases ?? []) {
    const created = await createSampleKnowledgeBase(kb.sample, kb.name[locale])
    await untilIndexed(created.id)
    swap(`sample:${kb.sample}`, created.id)
  }
  return Flow.parse(JSON.parse(text))
}

/**
 * The sample documents are indexed off the request (a few seconds with the demo embedding): waiting here means the
 * first run of the new flow already finds them. A slow provider is not waited for past a minute; the 知识库 page
 * shows how far it got.
 */
async function untilIndexed(kbId: string, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs
  while (Date.now() < until) {
    const docs = await listDocuments(kbId)
    if (docs.every((d) => d.status === 'ready' || d.status === 'failed')) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
