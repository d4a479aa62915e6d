import { type BinaryLike, type ScryptOptions, scrypt } from 'node:crypto'

/** `crypto.scrypt` as a promise; runs on the libuv thread pool, so it does not block the event loop. */
export function scryptAsync(
  password: BinaryLike,
  salt: BinaryLike,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}
