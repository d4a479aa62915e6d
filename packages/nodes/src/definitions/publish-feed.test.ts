import { describe, expect, it } from 'vitest'
import { fakePublisher } from '../publish/fake-publisher.ts'
import { publishFeed } from './publish-feed.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const setup = () => {
  const publish = fakePublisher()
  const ctx = createTestContext({ publish, idempotencyKey: 'run_1:feed' })
  const run = (config: Record<string, unknown>) => runNode(publishFeed, config, { inputs: {} }, ctx)
  return { publish, run }
}

describe('publish.feed', () => {
  it('adds the item under the idempotency key, the feed name made a slug, and reports where the feed is', async () => {
    const { publish, run } = setup()
    const out = await run({
      feed: 'Local News',
      title: ' 暴雨预警 ',
      content: '**今晚**',
      link: 'https://n.example/a',
    })
    expect(publish.feedItems).toEqual([
      expect.objectContaining({
        key: 'run_1:feed',
        feed: 'local-news',
        title: '暴雨预警',
        content: '**今晚**',
      }),
    ])
    expect(out).toEqual({
      platform: 'feed',
      feed: 'local-news',
      url: '/feeds/local-news.xml',
      atomUrl: '/feeds/local-news.atom',
      guid: 'urn:uuid:1',
      title: '暴雨预警',
      link: 'https://n.example/a',
      publishedAt: '2025-01-02T03:04:05.000Z',
      duplicate: false,
    })
  })

  it('adds nothing the second time the same step runs', async () => {
    const { publish, run } = setup()
    await run({ title: 'a', content: 'b' })
    expect(await run({ title: 'a', content: 'b' })).toMatchObject({ duplicate: true })
    expect(publish.feedItems).toHaveLength(1)
  })

  it('accepts a link to a page on this server, and refuses other schemes', async () => {
    const { run } = setup()
    expect(await run({ title: 'a', content: 'b', link: '/p/%E6%9A%B4' })).toMatchObject({
      link: '/p/%E6%9A%B4',
    })
    expect(await nodeError(run({ title: 'a', content: 'b', link: 'javascript:alert(1)' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
    expect(await nodeError(run({ title: 'a', content: 'b', link: '//evil.example/x' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
  })

  it('refuses an item without a title or any text, and a feed name without letters', async () => {
    const { publish, run } = setup()
    expect(await nodeError(run({ title: ' ', content: 'b' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_EMPTY',
    })
    expect(await nodeError(run({ title: 'a', content: '' }))).toMatchObject({ code: 'PUBLISH_CONTENT_EMPTY' })
    expect(await nodeError(run({ feed: '../..', title: 'a', content: 'b' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
    expect(publish.feedItems).toEqual([])
  })
})
