import { randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createRoute, z } from '@hono/zod-openapi'
import type { Access } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import { SAMPLE_KNOWLEDGE_DIR } from '../paths.ts'
import { defaultEmbedding } from './knowledge-embedder.ts'
import { KnowledgeBaseView, viewKnowledgeBase } from './knowledge-views.ts'

const FromSample = z
  .object({
    sample: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .openapi({ example: 'gov-policies', description: 'A folder of templates/knowledge/' }),
    name: z.string().trim().min(1).max(200).openapi({ example: '政务服务政策（示例）' }),
  })
  .openapi('KnowledgeBaseFromSample')

const fromSample = createRoute({
  method: 'post',
  path: '/knowledge-bases/from-sample',
  tags: ['knowledge'],
  summary:
    "A template's knowledge base: its sample documents imported, or the one made from that sample before",
  description:
    'What "New flow" from a template that answers from documents (政务服务问答, 读者互动) calls. A knowledge base the caller made from this sample before is reused as it is, even renamed (201 only when created), so making a second flow from the template does not import the documents twice; a base of the same name not made from the sample is not taken. `name` names a new one.',
  middleware: [requireRole('student')] as const,
  request: { body: jsonBody(FromSample) },
  responses: {
    200: json(KnowledgeBaseView, 'Reused'),
    201: json(KnowledgeBaseView, 'Created, its documents queued for indexing'),
    ...errors(400, 401, 403, 404),
  },
})

/** The sample's documents: the Markdown files of its folder, by name. */
async function readSample(sample: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const dir = join(SAMPLE_KNOWLEDGE_DIR, sample)
  const names = await readdir(dir).catch(() => [])
  const docs = names.filter((n) => n.endsWith('.md')).sort()
  if (docs.length === 0) throw ApiError.notFound('Sample documents', sample)
  return Promise.all(docs.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })))
}

export function createSampleKnowledgeRoutes(deps: AppDeps) {
  const create = async (access: Access, name: string, sample: string) => {
    const docs = await readSample(sample)
    const kb = await deps.store.createKnowledgeBase(access, {
      id: randomUUID(),
      name,
      sample,
      ...defaultEmbedding(deps.models),
      createdAt: deps.now(),
    })
    for (const doc of docs) {
      await deps.store.saveKbDocument(access, {
        id: randomUUID(),
        kbId: kb.id,
        name: doc.name,
        mimeType: 'text/markdown',
        sourceUrl: null,
        content: doc.bytes,
        createdAt: deps.now(),
      })
    }
    deps.knowledge.wake()
    return kb
  }
  return createRouter().openapi(fromSample, async (c) => {
    const { sample, name } = c.req.valid('json')
    const access = c.get('access')
    // Found by the sample it was made from, not by name: a renamed one still counts, a base of the user's own that
    // happens to bear the name does not. Among the caller's own only: a colleague's is not theirs to answer from.
    const mine = (await deps.store.listKnowledgeBases({ ...access, all: false })).find(
      (kb) => kb.sample === sample,
    )
    if (mine) return c.json(viewKnowledgeBase(mine), 200)
    return c.json(viewKnowledgeBase(await create(access, name, sample)), 201)
  })
}
