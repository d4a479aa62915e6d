import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FileRequest, NodeError } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { filesRoot } from '../create-publisher.ts'
import { createTestPublishing, type TestPublishing } from '../test-publisher.ts'

let dir: string
let t: TestPublishing
let root: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhiliu-files-'))
  t = await createTestPublishing(dir)
  root = filesRoot(dir)
})
afterEach(async () => {
  t.store.close()
  await rm(dir, { recursive: true, force: true })
})

let seq = 0
const write = (fields: Partial<FileRequest>) => {
  seq += 1
  return t
    .publisher()
    .writeFile({ key: `run_${seq}:file`, folder: '', filename: 'a.md', content: '# hi', ...fields })
}
const refusal = async (fields: Partial<FileRequest>) => {
  const err = await write(fields).then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof NodeError)) throw new Error(`expected a refusal, got ${String(err)}`)
  return err
}

describe('writeFile', () => {
  it('writes into a created folder under DATA_DIR/files, leaving no temp file behind', async () => {
    const receipt = await write({ folder: '稿件/2025-06', filename: '暴雨预警.md', content: '# 暴雨\n' })
    expect(receipt).toEqual({
      path: '稿件/2025-06/暴雨预警.md',
      bytes: Buffer.byteLength('# 暴雨\n'),
      duplicate: false,
    })
    expect(await readFile(join(root, '稿件', '2025-06', '暴雨预警.md'), 'utf8')).toBe('# 暴雨\n')
    expect(await readdir(join(root, '稿件', '2025-06'))).toEqual(['暴雨预警.md'])
  })

  it('writes a key once: a retry answers with the first file and changes nothing', async () => {
    const request: FileRequest = { key: 'run_9:file', folder: 'out', filename: 'a.md', content: 'first' }
    const first = await t.publisher().writeFile(request)
    const again = await t.publisher().writeFile({ ...request, filename: 'b.md', content: 'second' })
    expect(again).toEqual({ ...first, duplicate: true })
    expect(await readdir(join(root, 'out'))).toEqual(['a.md'])
    expect(await readFile(join(root, 'out', 'a.md'), 'utf8')).toBe('first')
  })

  it('replaces a file of the same name written by another run', async () => {
    await write({ filename: 'daily.md', content: 'monday' })
    await write({ filename: 'daily.md', content: 'tuesday' })
    expect(await readFile(join(root, 'daily.md'), 'utf8')).toBe('tuesday')
  })

  it('renders HTML files from Markdown into the same sanitised page as /p/ serves', async () => {
    await write({
      filename: 'r.html',
      content: '# 报告\n\n<script>alert(1)</script><img src=x onerror=alert(1)>',
      html: { title: '周报 <b>' },
    })
    const html = await readFile(join(root, 'r.html'), 'utf8')
    expect(html).toContain('<title>周报 &lt;b&gt;</title>')
    expect(html).toContain('<h1>报告</h1>')
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/<script|onerror/i)
  })

  it.each([
    ['a .. in the folder', { folder: '../outside' }],
    ['a .. deeper in the folder', { folder: 'a/../../outside' }],
    ['a .. as the file name', { filename: '..' }],
    ['a slash in the file name', { filename: '../x.md' }],
    ['an absolute folder', { folder: '/etc' }],
    ['a Windows drive', { folder: 'C:/Windows' }],
    ['a drive-relative Windows path', { folder: 'c:temp' }],
    ['a backslash', { folder: '..\\outside' }],
    ['a UNC path', { folder: '\\\\server\\share' }],
    ['a NUL byte', { filename: 'a.md\u0000.txt' }],
    ['a control character', { folder: 'a\nb' }],
    ['a hidden file', { filename: '.htaccess' }],
    ['a Windows device name', { filename: 'CON.md' }],
    ['a trailing dot', { folder: 'drafts.' }],
    ['an empty folder part', { folder: 'a//b' }],
    ['a file name over 255 bytes', { filename: `${'长'.repeat(90)}.md` }],
  ])('refuses %s, writing nothing', async (_, fields) => {
    expect(await refusal(fields)).toMatchObject({ code: 'PUBLISH_PATH_REFUSED', retryable: false })
    const outside = await readdir(dir)
    expect(outside.filter((name) => name !== 'files' && !name.startsWith('zhiliu.db'))).toEqual([])
  })

  it('refuses to follow a symbolic link to a folder outside, even one planted inside the files folder', async () => {
    const outside = join(dir, 'outside')
    await mkdir(outside)
    await mkdir(root, { recursive: true })
    await symlink(outside, join(root, 'escape'))
    expect(await refusal({ folder: 'escape' })).toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
    expect(await refusal({ folder: 'escape/deeper' })).toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
    expect(await readdir(outside)).toEqual([])
  })

  it('refuses to write through a symbolic link in place of the file', async () => {
    const target = join(dir, 'secret.txt')
    await writeFile(target, 'keep')
    await mkdir(root, { recursive: true })
    await symlink(target, join(root, 'a.md'))
    expect(await refusal({ filename: 'a.md' })).toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
    expect(await readFile(target, 'utf8')).toBe('keep')
    expect((await lstat(join(root, 'a.md'))).isSymbolicLink()).toBe(true)
  })

  it('lets a refused key be used again once the path is fixed', async () => {
    const request: FileRequest = { key: 'run_fix:file', folder: '../x', filename: 'a.md', content: 'x' }
    await expect(t.publisher().writeFile(request)).rejects.toMatchObject({ code: 'PUBLISH_PATH_REFUSED' })
    expect(await t.publisher().writeFile({ ...request, folder: 'x' })).toMatchObject({
      path: 'x/a.md',
      duplicate: false,
    })
  })
})
