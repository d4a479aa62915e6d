import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mediaStoreContract, TINY_PNG } from '@zhiliu/nodes/media-store-contract'
import { afterAll, describe, expect, it } from 'vitest'
import { createMediaStore } from './create-media-store.ts'
import { createDiskFileStore, mediaRoot } from './disk-file-store.ts'

// PostgreSQL's FileStore passes the same FileStore contract (packages/db), and queue mode's multi-process test
// serves from the api process media a worker stored.
const dirs: string[] = []
async function freshRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zhiliu-media-'))
  dirs.push(dir)
  return mediaRoot(dir)
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))
const onDisk = (root: string, base = '') => createMediaStore({ files: createDiskFileStore(root), base })

mediaStoreContract('the server media store', async () => onDisk(await freshRoot()))
mediaStoreContract('the server media store with a public URL', async () =>
  onDisk(await freshRoot(), 'https://zhiliu.example.com/'),
)

describe('the server media store on disk', () => {
  it('writes the file directly under DATA_DIR/media, answers /media/<id>, and leaves no temp file', async () => {
    const root = await freshRoot()
    const receipt = await onDisk(root).save({ key: 'run_1:draw#0', bytes: TINY_PNG, mimeType: 'image/png' })
    expect(receipt.url).toBe(`/media/${receipt.id}`)
    expect(await readFile(join(root, receipt.id))).toEqual(Buffer.from(TINY_PNG))
    expect((await readdir(root)).sort()).toEqual(['.keys', receipt.id])
    expect(await readdir(join(root, '.keys'))).toHaveLength(1)
  })

  it('remembers keys across a restart, so a run resumed in a new process stores nothing twice', async () => {
    const root = await freshRoot()
    const first = await onDisk(root).save({ key: 'k', bytes: TINY_PNG, mimeType: 'image/png' })
    const restarted = onDisk(root)
    expect(await restarted.save({ key: 'k', bytes: TINY_PNG, mimeType: 'image/png' })).toEqual({
      ...first,
      duplicate: true,
    })
    expect((await readdir(root)).filter((name) => name !== '.keys')).toEqual([first.id])
  })

  it('reads its own absolute addresses back, but not the same path on another host', async () => {
    const store = onDisk(await freshRoot(), 'https://zhiliu.example.com')
    const receipt = await store.save({ key: 'k', bytes: TINY_PNG, mimeType: 'image/png' })
    expect(receipt.url).toBe(`https://zhiliu.example.com/media/${receipt.id}`)
    expect((await store.open(receipt.url))?.id).toBe(receipt.id)
    expect((await store.open(`/media/${receipt.id}`))?.id).toBe(receipt.id)
    expect(await store.open(`https://elsewhere.example.com/media/${receipt.id}`)).toBeUndefined()
  })
})
