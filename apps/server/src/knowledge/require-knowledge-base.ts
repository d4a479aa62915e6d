import type { Access } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'

/** The knowledge base `access` may use, or a 404 naming it. */
export async function requireKnowledgeBase(deps: Pick<AppDeps, 'store'>, access: Access, id: string) {
  const kb = await deps.store.getKnowledgeBase(access, id)
  if (!kb) throw ApiError.notFound('Knowledge base', id)
  return kb
}
