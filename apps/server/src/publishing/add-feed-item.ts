import { randomUUID } from 'node:crypto'
import { StoreError } from '@zhiliu/db'
import { type FeedItemReceipt, type FeedItemRequest, NodeError } from '@zhiliu/nodes'
import type { PublishTarget } from './publish-target.ts'
import { publishUrls } from './publish-urls.ts'

/** One item per key: the store answers a repeated key with the item it added the first time. */
export async function addFeedItem(target: PublishTarget, request: FeedItemRequest): Promise<FeedItemReceipt> {
  const { key, feed, feedTitle, ...fields } = request
  const id = randomUUID()
  try {
    const { item, duplicate } = await target.store.addFeedItem({
      ...fields,
      id,
      key,
      feed,
      feedTitle,
      ownerId: target.ownerId,
      // A GUID nobody chose is still permanent: readers must not see a retried item as a new one.
      guid: fields.guid || `urn:uuid:${id}`,
      publishedAt: target.now(),
    })
    const urls = publishUrls(target.base)
    return {
      feed,
      feedUrl: urls.rss(feed),
      atomUrl: urls.atom(feed),
      guid: item.guid,
      publishedAt: new Date(item.publishedAt).toISOString(),
      duplicate,
    }
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CONFLICT') {
      throw new NodeError(
        'PUBLISH_REFUSED',
        `The feed "${feed}" belongs to another user; choose another feed name`,
        {
          details: { feed },
        },
      )
    }
    throw err
  }
}
