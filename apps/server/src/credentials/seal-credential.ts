import type { CredentialSecret } from '@zhiliu/db'
import { NodeError } from '@zhiliu/nodes'
import type { SecretBox } from '../security/secret-box.ts'
import { credentialType } from './credential-types.ts'

/**
 * Seals a credential's fields with its own id as context (a sealed value copied onto another row will not open)
 * and computes the masked hint shown in its place.
 */
export function sealCredential(
  secretBox: SecretBox,
  id: string,
  type: string,
  data: Record<string, string>,
): CredentialSecret {
  const ciphertext = secretBox.seal(JSON.stringify(data), id)
  // `v1.<keyId>.…`: the box names the key in what it seals, so the row's keyId is read from there.
  const keyId = ciphertext.split('.')[1] ?? ''
  const hint = credentialType(type)?.hint(data) ?? '…'
  return { ciphertext, keyId, hint }
}

/** The decrypted fields. A value that will not open is a server problem, reported without its cause's bytes. */
export function openCredential(secretBox: SecretBox, row: { id: string; name: string; ciphertext: string }) {
  let text: string
  try {
    text = secretBox.open(row.ciphertext, row.id)
  } catch (cause) {
    throw new NodeError(
      'CREDENTIAL_UNREADABLE',
      `Credential "${row.name}" cannot be decrypted; was the server's secret key (ZHILIU_SECRET or secret.key) changed?`,
      { cause },
    )
  }
  return JSON.parse(text) as Record<string, string>
}
