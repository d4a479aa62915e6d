import type { Access } from '@zhiliu/db'
import { NodeError, type SecretReader } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { secretFieldsOf } from './credential-types.ts'
import { openCredential } from './seal-credential.ts'

/** `ctx.secrets`, plus the credential's name for the server's own messages (a model provider's "DeepSeek prod"). */
export interface CredentialReader extends SecretReader {
  open(credentialId: string, type: string): Promise<{ name: string; fields: Record<string, string> }>
}

/**
 * `ctx.secrets` for the nodes of one run, acting as `access` (the run's owner): a credential that is not theirs
 * is simply not found. Each secret field is registered with the redactor as it is decrypted, so from then on it is
 * replaced in logs, run events and stored node results.
 */
export function createSecretReader(
  deps: Pick<AppDeps, 'store' | 'secretBox' | 'redactor'>,
  access: Access,
): CredentialReader {
  const open: CredentialReader['open'] = async (credentialId, type) => {
    const row = await deps.store.getCredential(access, credentialId)
    if (!row) throw new NodeError('CREDENTIAL_NOT_FOUND', `Credential "${credentialId}" was not found`)
    if (row.type !== type) {
      throw new NodeError(
        'CREDENTIAL_TYPE_MISMATCH',
        `Credential "${row.name}" is of type ${row.type}; this node needs ${type}`,
        { details: { credentialId, expected: type, actual: row.type } },
      )
    }
    const fields = openCredential(deps.secretBox, row)
    deps.redactor.add(...secretFieldsOf(row.type, fields).flatMap((key) => fields[key] ?? []))
    return { name: row.name, fields }
  }
  return { open, get: async (credentialId, type) => (await open(credentialId, type)).fields }
}
