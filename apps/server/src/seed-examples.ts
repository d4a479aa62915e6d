import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store, User } from '@zhiliu/db'
import { validateFlow } from '@zhiliu/engine'
import type { NodeRegistry } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import { EXAMPLES_DIR } from './paths.ts'

/**
 * Gives the owner the example flows as drafts the moment the owner account is created (the one-time setup): there
 * is nobody to own them before that. Only files that validate are added; none is published or claims a webhook
 * path, so an example never answers a call before its owner chose to publish it.
 */
export function seedExamplesOnSetup(
  store: Store,
  deps: { registry: NodeRegistry; logger: Logger; dir?: string },
): Store {
  return {
    ...store,
    async createUser(user) {
      const created = await store.createUser(user)
      if (created.role === 'owner') await seedExamples(store, created, deps)
      return created
    },
    async createFirstUser(user) {
      const created = await store.createFirstUser(user)
      if (created?.role === 'owner') await seedExamples(store, created, deps)
      return created
    },
  }
}

async function seedExamples(
  store: Store,
  owner: User,
  deps: { registry: NodeRegistry; logger: Logger; dir?: string },
) {
  const dir = deps.dir ?? EXAMPLES_DIR
  const access = { userId: owner.id, all: true }
  let files: string[]
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()
  } catch {
    return
  }
  for (const file of files) {
    try {
      const result = validateFlow(JSON.parse(await readFile(join(dir, file), 'utf8')), {
        definitions: deps.registry.all,
      })
      if (!result.ok) {
        deps.logger.warn(
          { file, problems: result.problems.length },
          'example flow skipped: it does not validate',
        )
        continue
      }
      await store.createFlow(access, { document: result.flow, webhookPath: null })
    } catch (err) {
      deps.logger.warn({ file, err: String(err) }, 'example flow skipped')
    }
  }
}
