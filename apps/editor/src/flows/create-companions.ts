import { Flow, type Locale } from '@zhiliu/nodes'
import { createFlow, publishFlow } from '../api/flows-api.ts'
import { copyName, flowTemplates } from './flow-templates.ts'

/**
 * A template whose agent calls other templates (智能客服's order-status and FAQ flows) names them `template:<slug>`:
 * each is created from its template and published, and the name replaced by the new flow's id.
 */
export async function createCompanions(flow: Flow, slugs: readonly string[], locale: Locale): Promise<Flow> {
  let text = JSON.stringify(flow)
  for (const slug of slugs) {
    const companion = flowTemplates.find((t) => t.id === slug)
    if (!companion) continue
    const created = await createFlow({
      ...structuredClone(companion.flow),
      name: copyName(companion, locale),
    })
    await publishFlow(created.id)
    text = text.replaceAll(JSON.stringify(`template:${slug}`), JSON.stringify(created.id))
  }
  return Flow.parse(JSON.parse(text))
}
