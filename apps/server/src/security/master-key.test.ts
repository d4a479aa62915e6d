import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadMasterKey, MASTER_KEY_FILE } from './master-key.ts'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-key-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('loadMasterKey', () => {
  it('generates secret.key with mode 0600 on first start and returns the same key afterwards', async () => {
    const dir = join(dataDir, 'nested')
    const first = await loadMasterKey({ env: undefined, dataDir: dir })
    expect(first).toMatchObject({ source: 'generated', id: expect.stringMatching(/^[0-9a-f]{8}$/) })
    expect(first.key).toHaveLength(32)
    const file = join(dir, MASTER_KEY_FILE)
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await readFile(file, 'utf8')).trim()).toBe(first.key.toString('base64'))

    const second = await loadMasterKey({ env: undefined, dataDir: dir })
    expect(second).toMatchObject({ source: 'file', id: first.id })
    expect(second.key.equals(first.key)).toBe(true)
  })

  it('hands every one of several concurrent first starts the same key', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadMasterKey({ env: undefined, dataDir })))
    expect(new Set(keys.map((k) => k.id)).size).toBe(1)
    expect(keys.filter((k) => k.source === 'generated')).toHaveLength(1)
  })

  it('uses a 32-byte key given as hex or base64 in ZHILIU_SECRET, and writes no file', async () => {
    const hex = 'ab'.repeat(32)
    const fromHex = await loadMasterKey({ env: hex, dataDir })
    const fromBase64 = await loadMasterKey({ env: Buffer.from(hex, 'hex').toString('base64'), dataDir })
    expect(fromHex).toMatchObject({ source: 'env', key: Buffer.from(hex, 'hex') })
    expect(fromBase64.id).toBe(fromHex.id)
    await expect(stat(join(dataDir, MASTER_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('stretches a passphrase into a stable key that differs from another passphrase', async () => {
    const a = await loadMasterKey({ env: 'correct horse battery staple', dataDir })
    const again = await loadMasterKey({ env: 'correct horse battery staple', dataDir })
    const b = await loadMasterKey({ env: 'correct horse battery stapler', dataDir })
    expect(again.key.equals(a.key)).toBe(true)
    expect(b.id).not.toBe(a.id)
  })

  it('refuses a short passphrase and a damaged key file instead of replacing it', async () => {
    await expect(loadMasterKey({ env: 'hunter2', dataDir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' })
    await writeFile(join(dataDir, MASTER_KEY_FILE), 'not a key\n')
    await expect(loadMasterKey({ env: undefined, dataDir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' })
    expect(await readFile(join(dataDir, MASTER_KEY_FILE), 'utf8')).toBe('not a key\n')
  })
})
