import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { ZhiliuError } from '@zhiliu/nodes'

export interface SecretKey {
  id: string
  /** 32 bytes. */
  key: Buffer
}

export interface SecretBox {
  /** `v1.<keyId>.<iv>.<ciphertext>.<tag>`, each part base64url. `context` (e.g. a credential id) must match on open. */
  seal(plaintext: string, context?: string): string
  /** Throws `SECRET_KEY_UNKNOWN` or `SECRET_INVALID` (malformed, tampered, wrong key or wrong context). */
  open(sealed: string, context?: string): string
}

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * AES-256-GCM for stored credentials. Every sealed value names the key that sealed it, so keys can rotate: seal
 * with the active key, open with whichever key the value names. The version and key id are authenticated too, and
 * so is the optional context, which stops a sealed value from being copied onto another row.
 */
export function createSecretBox(keys: readonly SecretKey[], activeKeyId: string): SecretBox {
  const byId = new Map<string, Buffer>()
  for (const { id, key } of keys) {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Secret key id "${id}" must be base64url characters`)
    if (key.length !== 32) throw new Error(`Secret key "${id}" must be 32 bytes, got ${key.length}`)
    if (byId.has(id)) throw new Error(`Secret key id "${id}" is listed twice`)
    byId.set(id, key)
  }
  const activeKey = byId.get(activeKeyId)
  if (!activeKey) throw new Error(`The active secret key "${activeKeyId}" is not among the keys`)

  return {
    seal(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv, { authTagLength: TAG_BYTES })
      cipher.setAAD(associatedData(activeKeyId, context))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))
      return [VERSION, activeKeyId, ...parts].join('.')
    },

    open(sealed, context = '') {
      const [version, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.')
      if (version !== VERSION || keyId === undefined || tag === undefined || rest.length > 0) throw invalid()
      const key = byId.get(keyId)
      if (!key)
        throw new ZhiliuError('SECRET_KEY_UNKNOWN', `No secret key "${keyId}" is loaded to open this value`)
      const ivBytes = Buffer.from(iv ?? '', 'base64url')
      const tagBytes = Buffer.from(tag, 'base64url')
      // A short tag would weaken authentication, so its length is fixed, not taken from the input.
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw invalid()
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES })
        decipher.setAAD(associatedData(keyId, context))
        decipher.setAuthTag(tagBytes)
        const plain = Buffer.concat([
          decipher.update(Buffer.from(ciphertext ?? '', 'base64url')),
          decipher.final(),
        ])
        return plain.toString('utf8')
      } catch (cause) {
        throw invalid(cause)
      }
    },
  }
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${context}`, 'utf8')
}

function invalid(cause?: unknown): ZhiliuError {
  return new ZhiliuError(
    'SECRET_INVALID',
    'The sealed secret is malformed or has been tampered with',
    undefined,
    {
      cause,
    },
  )
}
