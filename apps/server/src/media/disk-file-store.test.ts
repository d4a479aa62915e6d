import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeFileStore } from '@zhiliu/db/file-store-contract'
import { afterAll, describe, expect, it } from 'vitest'
import { createDiskFileStore, mediaRoot } from './disk-file-store.ts'

const dirs: string[] = []
async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zhiliu-files-'))
  dirs.push(dir)
  return dir
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

describeFileStore('the disk file store', async () => createDiskFileStore(mediaRoot(await freshDataDir())))

describe('the disk file store', () => {
  it('lists and serves only plain files under media names: not its key records, a planted link or a stray file', async () => {
    const dataDir = await freshDataDir()
    const root = mediaRoot(dataDir)
    const files = createDiskFileStore(root)
    const kept = await files.put({
      ...{ name: `${'c'.repeat(32)}.png`, key: 'k', contentType: 'image/png' },
      bytes: new Uint8Array([1, 2, 3]),
    })
    await writeFile(join(dataDir, 'zhiliu.db'), 'secret rows')
    await symlink(join(dataDir, 'zhiliu.db'), join(root, `${'d'.repeat(32)}.png`))
    await writeFile(join(root, 'notes.txt'), 'stray')
    await mkdir(join(root, `${'e'.repeat(32)}.png`))
    expect(await files.list()).toEqual([{ name: kept.name, contentType: 'image/png', size: 3 }])
    expect(await files.get(`${'d'.repeat(32)}.png`)).toBeUndefined()
    expect(await files.delete(`${'d'.repeat(32)}.png`)).toBe(false)
    expect(await readdir(join(root, '.keys'))).toHaveLength(1)
  })

  it('refuses a name whose extension is not its type, since the name is all the disk keeps of it', async () => {
    const files = createDiskFileStore(mediaRoot(await freshDataDir()))
    const png = { name: `${'f'.repeat(32)}.png`, key: 'k', bytes: new Uint8Array([1]) }
    await expect(files.put({ ...png, contentType: 'audio/wav' })).rejects.toThrow(
      /does not fit the type audio\/wav/,
    )
  })
})
