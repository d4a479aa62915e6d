import { describe, expect, it } from 'vitest'
import { fakePublisher } from '../publish/fake-publisher.ts'
import { publishFile } from './publish-file.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const setup = () => {
  const publish = fakePublisher()
  const ctx = createTestContext({ publish, idempotencyKey: 'run_1:file' })
  return {
    publish,
    run: (config: Record<string, unknown>) => runNode(publishFile, config, { inputs: {} }, ctx),
  }
}

describe('publish.file', () => {
  it('writes Markdown as given, adding the extension', async () => {
    const { publish, run } = setup()
    const out = await run({ folder: ' 稿件/周报 ', filename: '第 1 期', content: '# 周报' })
    expect(publish.files).toEqual([
      { key: 'run_1:file', folder: '稿件/周报', filename: '第 1 期.md', content: '# 周报' },
    ])
    expect(out).toEqual({
      platform: 'file',
      format: 'markdown',
      path: '稿件/周报/第 1 期.md',
      bytes: 8,
      duplicate: false,
    })
  })

  it('asks the server to render HTML from Markdown, titled by the file name unless a title is given', async () => {
    const { publish, run } = setup()
    await run({ format: 'html', filename: 'report.HTML', content: '# x' })
    expect(publish.files[0]).toMatchObject({
      filename: 'report.HTML',
      content: '# x',
      html: { title: 'report' },
    })
  })

  it('writes JSON pretty-printed, and JSON text as what it says rather than as one quoted string', async () => {
    const { publish, run } = setup()
    await run({ format: 'json', filename: 'a', content: { 标题: '暴雨', n: 1 } })
    expect(publish.files[0]?.content).toBe('{\n  "标题": "暴雨",\n  "n": 1\n}\n')
    const second = setup()
    await second.run({ format: 'json', filename: 'a', content: '[1, 2]' })
    expect(second.publish.files[0]?.content).toBe('[\n  1,\n  2\n]\n')
  })

  it('writes CSV rows with a header, quoting and a BOM for Excel, and defuses formulas', async () => {
    const { publish, run } = setup()
    await run({
      format: 'csv',
      filename: 'rows',
      content: [
        { 区: '莞城', 雨量: 50, 备注: '注意, "积水"' },
        { 区: '=HYPERLINK("http://evil")', 雨量: -3, 备注: '-5' },
      ],
    })
    expect(publish.files[0]?.content).toBe(
      '\uFEFF区,雨量,备注\r\n莞城,50,"注意, ""积水"""\r\n"\'=HYPERLINK(""http://evil"")",-3,-5\r\n',
    )
  })

  it('refuses CSV content that is not rows, and empty content', async () => {
    const { publish, run } = setup()
    expect(await nodeError(run({ format: 'csv', filename: 'a', content: { a: 1 } }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
    expect(await nodeError(run({ filename: 'a', content: '' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_EMPTY',
    })
    expect(await nodeError(run({ filename: ' ', content: 'x' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_EMPTY',
    })
    expect(publish.files).toEqual([])
  })
})
