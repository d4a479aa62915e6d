import { describe, expect, it } from 'vitest'
import { fakePublisher } from '../publish/fake-publisher.ts'
import { publishPage } from './publish-page.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const setup = (idempotencyKey = 'run_1:page') => {
  const publish = fakePublisher()
  const ctx = createTestContext({ publish, idempotencyKey })
  return {
    publish,
    run: (config: Record<string, unknown>) => runNode(publishPage, config, { inputs: {} }, ctx),
  }
}

describe('publish.page', () => {
  it('publishes Markdown at a slug made from the title when none is given, keeping Chinese', async () => {
    const { publish, run } = setup()
    const out = await run({ title: '台风“海葵”今晚登陆', body: '## 最新' })
    expect(publish.pages).toEqual([
      { key: 'run_1:page', slug: '台风-海葵-今晚登陆', title: '台风“海葵”今晚登陆', body: '## 最新' },
    ])
    expect(out).toEqual({
      platform: 'page',
      slug: '台风-海葵-今晚登陆',
      url: '/p/%E5%8F%B0%E9%A3%8E-%E6%B5%B7%E8%91%B5-%E4%BB%8A%E6%99%9A%E7%99%BB%E9%99%86',
      title: '台风“海葵”今晚登陆',
      updatedAt: '2025-01-02T03:04:05.000Z',
      duplicate: false,
    })
  })

  it('makes a given slug safe for a URL: no slashes, dots or spaces survive', async () => {
    const { publish, run } = setup()
    await run({ title: 't', slug: '../../Admin Page?x=1', body: 'b' })
    expect(publish.pages[0]?.slug).toBe('admin-page-x-1')
  })

  it('refuses an empty body or title before anything is published', async () => {
    const { publish, run } = setup()
    expect(await nodeError(run({ title: 't', body: ' ' }))).toMatchObject({ code: 'PUBLISH_CONTENT_EMPTY' })
    expect(await nodeError(run({ title: '', body: 'b' }))).toMatchObject({ code: 'PUBLISH_CONTENT_EMPTY' })
    expect(await nodeError(run({ title: '!!!', slug: '', body: 'b' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
    expect(publish.pages).toEqual([])
  })
})
