import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mediaStoreContract, TINY_PNG } from '@zhiliu/nodes/media-store-contract'
import { afterAll, describe, expect, it } from 'vitest'
import { createCliMediaStore } from './cli-media-store.ts'

const dirs: string[] = []
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zhiliu-cli-media-'))
  dirs.push(dir)
  return dir
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

mediaStoreContract('the CLI media folder', async () => createCliMediaStore(join(await freshDir(), 'media')))

describe('the CLI media folder', () => {
  it('creates the folder on the first save and answers file:// URLs that open the file', async () => {
    const base = await freshDir()
    const store = createCliMediaStore(join(base, 'out', 'media'))
    expect(await readdir(base)).toEqual([])
    const receipt = await store.save({ key: 'run:draw#0', bytes: TINY_PNG, mimeType: 'image/png' })
    expect(receipt.url).toMatch(/^file:\/\//)
    expect(await readFile(fileURLToPath(receipt.url))).toEqual(Buffer.from(TINY_PNG))
    expect(await readdir(join(base, 'out', 'media'))).toEqual([receipt.id])
  })
})
