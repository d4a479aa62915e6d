import type { Access } from '@zhiliu/db'
import { NodeError, type SecretReader } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { secretFieldsOf } from './credential-types.ts'
import { openCredential } from './seal-credential.ts'

/**
 * `ctx.secrets` for the nodes of one run, acting as `access` (the run's owner): a credential that is not theirs
 * is simply not found. Each secret field is registered with the redactor as it is decrypted, so from then on it is
 * replaced in logs, run events and stored node results.
 */
export function createSecretReader(
  deps: Pick<AppDeps, 'store' | 'secretBox' | 'redactor'>,
  access: Access,
): SecretReader {
  return {
    async get(credentialId, type) {
      const row = await deps.store.getCredential(access, credentialId)
      if (!row) throw new NodeError('CREDENTIAL_NOT_FOUND', `Credential "${credentialId}" was not found`)
      if (row.type !== type) {
        throw new NodeError(
          'CREDENTIAL_TYPE_MISMATCH',
          `Credential "${row.name}" is of type ${row.type}; this node needs ${type}`,
          { details: { credentialId, expected: type, actual: row.type } },
        )
      }
      const data = openCredential(deps.secretBox, row)
      deps.redactor.add(...secretFieldsOf(row.type, data).flatMap((key) => data[key] ?? []))
      return data
    },
  }
}
