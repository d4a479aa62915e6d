import { createHash, randomBytes } from 'node:crypto'
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ZhiliuError } from '@zhiliu/nodes'
import { scryptAsync } from './scrypt-async.ts'

export interface MasterKey {
  /** 8 hex characters derived from the key, stored with every sealed value so keys can rotate. */
  id: string
  /** 32 bytes. */
  key: Buffer
  /** Where it came from; `generated` means a new `secret.key` was just written and should be backed up. */
  source: 'env' | 'file' | 'generated'
}

export const MASTER_KEY_FILE = 'secret.key'
/** A passphrase is stretched, but a short one is still guessable offline from a stolen database. */
export const MIN_PASSPHRASE_LENGTH = 16
// Fixed, so the same passphrase yields the same key on every start with no state beside it.
const PASSPHRASE_SALT = 'zhiliu/master-key/v1'
const PASSPHRASE_SCRYPT = { N: 2 ** 16, r: 8, p: 1, maxmem: 128 * 1024 * 1024 }

/**
 * The key that seals stored credentials. `ZHILIU_SECRET` wins when set: 64 hex characters or base64(url) of exactly
 * 32 bytes is used as the key itself; anything else is a passphrase (≥ 16 characters) stretched with scrypt.
 * Otherwise the key lives in `<dataDir>/secret.key` (base64, mode 0600), created on first start. Losing it makes
 * stored credentials unreadable.
 */
export async function loadMasterKey(options: {
  env: string | undefined
  dataDir: string
}): Promise<MasterKey> {
  const env = options.env?.trim()
  if (env) return withId(parseRawKey(env) ?? (await stretchPassphrase(env)), 'env')
  const path = join(options.dataDir, MASTER_KEY_FILE)
  const existing = await readKeyFile(path)
  if (existing) return withId(existing, 'file')
  return createKeyFile(options.dataDir, path)
}

/** The raw-key forms of `ZHILIU_SECRET`, or undefined when the text is a passphrase. */
export function parseRawKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text, 'base64')
    if (key.length === 32) return key
  }
  return undefined
}

async function stretchPassphrase(passphrase: string): Promise<Buffer> {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new ZhiliuError(
      'CONFIG_INVALID',
      `ZHILIU_SECRET must be a 32-byte key (64 hex or base64) or a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters`,
    )
  }
  return scryptAsync(passphrase.normalize('NFKC'), PASSPHRASE_SALT, 32, PASSPHRASE_SCRYPT)
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  const key = parseRawKey(text.trim())
  // Never overwrite a damaged key file: the credentials sealed with it would be lost for good.
  if (!key) throw new ZhiliuError('CONFIG_INVALID', `${path} does not hold a 32-byte key`)
  return key
}

// Written to a temporary file and linked into place, so a second process starting at the same moment either wins
// the race or reads the complete winner, never a half-written file.
async function createKeyFile(dataDir: string, path: string): Promise<MasterKey> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const key = randomBytes(32)
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temp, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  try {
    await link(temp, path)
    return withId(key, 'generated')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const winner = await readKeyFile(path)
    if (!winner) throw err
    return withId(winner, 'file')
  } finally {
    await unlink(temp).catch(() => {})
  }
}

function withId(key: Buffer, source: MasterKey['source']): MasterKey {
  const id = createHash('sha256').update('zhiliu key id\0').update(key).digest('hex').slice(0, 8)
  return { id, key, source }
}
