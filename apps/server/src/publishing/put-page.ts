import { StoreError } from '@zhiliu/db'
import { NodeError, type PageReceipt, type PageRequest, toSlug } from '@zhiliu/nodes'
import type { PublishTarget } from './publish-target.ts'
import { publishUrls } from './publish-urls.ts'

/**
 * Publishes at `slug`. The same key changes nothing (a retry or resume); a new key replaces the content at the same
 * address, so a corrected article keeps its link. Another user's slug is refused rather than taken over.
 */
export async function putPage(target: PublishTarget, request: PageRequest): Promise<PageReceipt> {
  // The node sends a slug already; normalising again means no other shape can reach the store.
  const slug = toSlug(request.slug)
  if (!slug) {
    throw new NodeError('PUBLISH_CONTENT_INVALID', 'The page address has no letters or digits', {
      details: { field: 'slug' },
    })
  }
  try {
    const { page, duplicate } = await target.store.putPage({
      key: request.key,
      ownerId: target.ownerId,
      slug,
      title: request.title,
      body: request.body,
      now: target.now(),
    })
    return {
      slug,
      url: publishUrls(target.base).page(slug),
      updatedAt: new Date(page.updatedAt).toISOString(),
      duplicate,
    }
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CONFLICT') {
      throw new NodeError(
        'PUBLISH_REFUSED',
        `The page address "${slug}" belongs to another user; choose another`,
        {
          details: { slug },
        },
      )
    }
    throw err
  }
}
