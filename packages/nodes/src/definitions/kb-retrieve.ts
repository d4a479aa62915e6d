import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { requiredText } from './ai-model-fields.ts'
import { inPort, outPort } from './ports.ts'

const Chunk = z.object({
  chunkId: z.string(),
  text: z.string(),
  heading: z.string().nullable(),
  score: z.number(),
  document: z.object({ id: z.string(), name: z.string() }),
  knowledgeBaseId: z.string(),
  keywordRank: z.number().optional(),
  vectorRank: z.number().optional(),
})

export const kbRetrieve = defineNode({
  type: 'kb.retrieve',
  version: 1,
  category: 'ai',
  title: t('知识检索', 'Knowledge retrieval'),
  description: t(
    '在知识库里找出和问题最相关的段落，连同出处一起交给后面的 AI 对话，让它只依据这些材料回答并标注 [1][2]。',
    'Finds the passages of your knowledge bases that best match a question, with their sources, for an AI chat to answer from and cite as [1][2].',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    query: field(z.unknown().default(''), {
      required: true,
      widget: 'template',
      label: t('问题', 'Question'),
      placeholder: t('{{ trigger.body.question }}', '{{ trigger.body.question }}'),
    }),
    knowledgeBases: field(z.array(z.string().min(1)).default([]), {
      required: true,
      widget: 'knowledge-bases',
      template: false,
      label: t('知识库', 'Knowledge bases'),
      help: t(
        '可以选多个，在“知识库”页面上传文档。',
        'Pick one or more; upload documents on the Knowledge page.',
      ),
    }),
    topK: field(z.number().int().min(1).max(20).default(4), {
      widget: 'number',
      label: t('返回段落数', 'Passages to return'),
    }),
    threshold: field(z.number().min(0).default(0), {
      widget: 'number',
      label: t('最低分数', 'Minimum score'),
      help: t(
        '低于这个分数的段落不要；0 表示不限。混合检索的分数在 0 到 1 之间。',
        'Passages scoring lower are left out; 0 keeps all. Hybrid scores run from 0 to 1.',
      ),
    }),
    mode: field(z.enum(['hybrid', 'vector', 'keyword']).default('hybrid'), {
      widget: 'select',
      label: t('检索方式', 'Search by'),
      options: {
        hybrid: t('混合（关键词 + 向量，推荐）', 'Hybrid (keywords + vectors, recommended)'),
        vector: t('向量（按意思）', 'Vectors (by meaning)'),
        keyword: t('关键词', 'Keywords'),
      },
    }),
    rerank: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('重排序', 'Rerank'),
      help: t(
        '先找出约 20 段候选，再用重排序模型按与问题的相关程度重新排序，分数变为 0 到 1 的相关度，最低分数也按它算。没有配置模型服务时用离线演示重排序（按问题里的词出现多少）。',
        "Finds about 20 candidates, then a rerank model orders them by relevance to the question; the score becomes that relevance (0–1), and the minimum score applies to it. With no model provider, an offline demo rerank (how many of the question's words a passage has).",
      ),
    }),
    rerankModel: field(z.string().default(''), {
      widget: 'text',
      template: false,
      label: t('重排序模型', 'Rerank model'),
      placeholder: t(
        '留空：模型服务的默认（硅基流动 BAAI/bge-reranker-v2-m3）',
        "Empty: the provider's default (SiliconFlow's BAAI/bge-reranker-v2-m3)",
      ),
      shownWhen: { field: 'rerank', is: [true] },
    }),
  }),
  output: z.object({
    chunks: z.array(Chunk),
    context: z.string(),
  }),
  sideEffects: false,
  async run({ config }, ctx) {
    const query = requiredText(config.query, 'The question')
    const chunks = await ctx.knowledge.search({
      knowledgeBaseIds: config.knowledgeBases,
      query,
      topK: config.topK,
      mode: config.mode,
      threshold: config.threshold > 0 ? config.threshold : undefined,
      rerank: config.rerank ? { model: config.rerankModel.trim() || undefined } : undefined,
      signal: ctx.signal,
    })
    // Numbered as the prompt cites them: [1] is chunks[0].
    const context = chunks
      .map((c, i) => `[${i + 1}] 《${c.document.name}》${c.heading ? ` ${c.heading}` : ''}\n${c.text}`)
      .join('\n\n')
    return { chunks, context }
  },
})
