import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Publisher } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { addFeedItem } from './add-feed-item.ts'
import { writePublishedFile } from './files/write-published-file.ts'
import { sendPublishedMail } from './mail/send-published-mail.ts'
import { configuredBase } from './publish-urls.ts'
import { putPage } from './put-page.ts'

/** Where publish.file writes: everything it writes stays under here. */
export const filesRoot = (dataDir: string) => join(dataDir, 'files')

/**
 * `ctx.publish` for one run: everything it hosts or sends belongs to the run's owner, and every call is idempotent
 * by the key the node passes (its idempotency key).
 */
export function createPublisher(
  deps: Pick<AppDeps, 'store' | 'config' | 'now'>,
  run: { ownerId: string },
): Publisher {
  const target = { store: deps.store, ownerId: run.ownerId, now: deps.now, base: configuredBase(deps.config) }
  return {
    addFeedItem: (item) => addFeedItem(target, item),
    putPage: (page) => putPage(target, page),
    writeFile: (file) => writePublishedFile({ ...target, root: filesRoot(deps.config.dataDir) }, file),
    sendMail: (mail, signal) =>
      sendPublishedMail({ ...target, allowHosts: deps.config.allowHosts }, mail, signal),
    async sendDemo(message) {
      const row = { id: randomUUID(), ownerId: run.ownerId, createdAt: deps.now(), ...message }
      const { message: kept, duplicate } = await deps.store.addDemoMessage(row)
      return { id: kept.id, duplicate }
    },
  }
}
