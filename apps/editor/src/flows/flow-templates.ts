import { Flow, type Locale, Localized } from '@zhiliu/nodes'
import { z } from 'zod'
import branchMerge from '../../../../examples/branch-merge.json'
import forEach from '../../../../examples/for-each.json'
import httpRequest from '../../../../examples/http-request.json'
import { emptyFlow } from '../editor/flow-mapping.ts'

export interface FlowTemplate {
  id: string
  flow: Flow
  /** Ready-made templates carry their own names and descriptions; the small examples are described by the UI's i18n texts. */
  title?: Localized
  description?: Localized
  /** The input the template's demo answers were written for; it fills the Run form of a flow made from it. */
  sampleInput?: unknown
  /** Templates this one's flows call (`template:<slug>`), created and published with it (see create-companions.ts). */
  companions?: string[]
  /** Knowledge bases its kb.retrieve steps name `sample:<folder>`, made from templates/knowledge/<folder> with it. */
  knowledgeBases?: SampleKnowledgeBase[]
}

/** What a template's flow needs made before it: its companion flows and sample knowledge bases. */
export type TemplateNeeds = Pick<FlowTemplate, 'companions' | 'knowledgeBases'>

const SampleKnowledgeBase = z.object({ sample: z.string(), name: Localized })
export type SampleKnowledgeBase = z.infer<typeof SampleKnowledgeBase>

/** The shape of `templates/<slug>.json` (see templates/README.md). */
const TemplateFile = z.object({
  slug: z.string(),
  title: Localized,
  description: Localized,
  sampleInput: z.unknown().optional(),
  companions: z.array(z.string()).optional(),
  knowledgeBases: z.array(SampleKnowledgeBase).optional(),
  flow: Flow,
})

// Every file in templates/ is offered: adding a template needs no change here.
const templateFiles = import.meta.glob<unknown>('../../../../templates/*.json', {
  eager: true,
  import: 'default',
})

/**
 * Starting points offered on "New flow": the ready-made templates (通稿改写, 智能选题策划…) and the repository's
 * small examples, all of which CI runs, so they stay valid. Parsing applies the document defaults the files leave
 * out.
 */
export const flowTemplates: readonly FlowTemplate[] = [
  ...Object.values(templateFiles)
    .map((file) => TemplateFile.parse(file))
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((t) => ({
      id: t.slug,
      flow: t.flow,
      title: t.title,
      description: t.description,
      sampleInput: t.sampleInput,
      ...(t.companions ? { companions: t.companions } : {}),
      ...(t.knowledgeBases ? { knowledgeBases: t.knowledgeBases } : {}),
    })),
  example('branch-merge', branchMerge),
  example('for-each', forEach),
  example('http-request', httpRequest),
]

/** An example file names itself in both languages (`title`), as the server's seeded copies are named. */
function example(id: string, file: unknown): FlowTemplate {
  return { id, flow: Flow.parse(file), title: z.object({ title: Localized }).parse(file).title }
}

/**
 * What a flow made from a template is called unless the person typed a name: the template's title in the UI's
 * language (智能选题策划 in zh-CN), not the file's bilingual `flow.name`.
 */
export function copyName(template: FlowTemplate, locale: Locale): string {
  return template.title?.[locale] ?? template.flow.name
}

/**
 * The flow a template gives: its canvas and sample input, named as the person chose (or as copyName says), described in the UI's
 * language — the flow list, an agent calling the flow as its tool and an MCP client all read the description, so a
 * zh-CN copy must not carry the file's English one. A description the file already writes in Chinese (a companion's
 * "按订单号查询订单状态（演示数据）。Looks up…", worded for the agent that calls it) is kept.
 */
export function copyOf(template: FlowTemplate, locale: Locale, name = copyName(template, locale)): Flow {
  const flow = structuredClone(template.flow)
  const own = flow.description
  const description = own && /\p{Script=Han}/u.test(own) ? own : (template.description?.[locale] ?? own)
  // A class runs a template first with the input its demo answers were written for; the document keeps it, so
  // students' copies of the flow start from it too.
  const sample =
    template.sampleInput === undefined ? {} : { sampleInput: structuredClone(template.sampleInput) }
  return { ...flow, name, ...(description === undefined ? {} : { description }), ...sample }
}

export function blankFlow(name: string): Flow {
  return emptyFlow(name)
}
