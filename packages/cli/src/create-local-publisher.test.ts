import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLocalPublisher } from './create-local-publisher.ts'

let out: string
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'zhiliu-cli-out-'))
})
afterEach(() => rm(out, { recursive: true, force: true }))

describe('the command line publisher', () => {
  it('writes a file under files/, once per key', async () => {
    const publish = createLocalPublisher(out)
    const file = { key: 'run:save', folder: '剧本/2026', filename: '大纲.md', content: '# 第一场\n' }
    expect(await publish.writeFile(file)).toEqual({ path: '剧本/2026/大纲.md', bytes: 12, duplicate: false })
    expect(await readFile(join(out, 'files', '剧本/2026/大纲.md'), 'utf8')).toBe('# 第一场\n')
    const again = await publish.writeFile({ ...file, content: 'changed' })
    expect(again.duplicate).toBe(true)
    expect(await readFile(join(out, 'files', '剧本/2026/大纲.md'), 'utf8')).toBe('# 第一场\n')
  })

  it('refuses a path that leaves the output folder, and a symbolic link on the way', async () => {
    const publish = createLocalPublisher(out)
    await expect(
      publish.writeFile({ key: 'a', folder: '../..', filename: 'x.md', content: '' }),
    ).rejects.toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
    await expect(
      publish.writeFile({ key: 'b', folder: '', filename: '/etc/passwd', content: '' }),
    ).rejects.toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
    await publish.writeFile({ key: 'c', folder: '', filename: 'first.md', content: '' })
    await symlink(tmpdir(), join(out, 'files', 'escape'))
    await expect(
      publish.writeFile({ key: 'd', folder: 'escape', filename: 'x.md', content: '' }),
    ).rejects.toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
  })

  it('writes a page as a sanitised HTML file and answers its file URL', async () => {
    const publish = createLocalPublisher(out, () => Date.UTC(2026, 10, 26, 4))
    const receipt = await publish.putPage({
      key: 'run:page',
      slug: 'Data Report 11',
      title: '十一月数据报告',
      body: '## 结论\n\n销量上升。<script>alert(1)</script><img src=x onerror="alert(2)"> [看](javascript:alert(3))',
    })
    expect(receipt).toMatchObject({
      slug: 'data-report-11',
      updatedAt: '2026-11-26T04:00:00.000Z',
      duplicate: false,
    })
    const html = await readFile(fileURLToPath(receipt.url), 'utf8')
    expect(fileURLToPath(receipt.url)).toBe(join(out, 'pages', 'data-report-11.html'))
    expect(html).toContain('<h1>十一月数据报告</h1>')
    expect(html).toContain('<h2>结论</h2>')
    expect(html).not.toMatch(/<script|onerror|javascript:/i)
  })

  it('sends feeds and e-mail to the server, saying so', async () => {
    const publish = createLocalPublisher(out)
    await expect(
      publish.addFeedItem({
        key: 'k',
        feed: 'news',
        feedTitle: '',
        title: 't',
        link: '',
        summary: '',
        content: '',
        author: '',
        guid: '',
      }),
    ).rejects.toMatchObject({ code: 'PUBLISH_NEEDS_SERVER', message: expect.stringContaining('npm start') })
  })
})
