import type { SecretReader } from '../context.ts'
import { NodeError } from '../errors.ts'

/**
 * Test support only: a `SecretReader` over fixed credentials that, like the server's, refuses an unknown id or a
 * credential of another type than the node asks for.
 */
export function fakeSecrets(
  credentials: Record<string, { type: string; fields: Record<string, string> }>,
): SecretReader {
  return {
    async get(credentialId, type) {
      const found = Object.hasOwn(credentials, credentialId) ? credentials[credentialId] : undefined
      if (!found) throw new NodeError('CREDENTIAL_NOT_FOUND', `Credential "${credentialId}" was not found`)
      if (found.type !== type) {
        throw new NodeError(
          'CREDENTIAL_TYPE_MISMATCH',
          `Credential "${credentialId}" is ${found.type}, not ${type}`,
        )
      }
      return found.fields
    },
  }
}
