import { NodeError } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createRedactor, REDACTED } from '../security/redact.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { createSecretReader } from './create-secret-reader.ts'

const TOKEN = 'tok_9f8e7d6c5b4a39281706abcdef'
let t: TestDeps
let ids: { alice: string; bob: string; credential: string }
beforeEach(async () => {
  t = await createTestDeps()
  const app = createApp(t.deps)
  const owner = await setupOwner(app)
  const alice = await createUserWithRole(app, owner, 'editor')
  const bob = await createUserWithRole(app, owner, 'editor')
  const created = await callApi(app, 'POST', '/api/credentials', {
    headers: alice.cookie,
    body: { name: 'API', type: 'http.header', data: { name: 'X-Api-Key', value: TOKEN } },
  })
  ids = { alice: alice.userId, bob: bob.userId, credential: (created.body as { id: string }).id }
})
afterEach(() => t.close())

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(err)}`)
  return err
}

describe('createSecretReader', () => {
  it("decrypts the run owner's credential and, from then on, the redactor hides its secret but not its header name", async () => {
    // A fresh redactor, as after a restart: only decryption can have taught it the secret.
    const redactor = createRedactor()
    const reader = createSecretReader({ ...t.deps, redactor }, { userId: ids.alice, all: false })
    expect(redactor.redact(`sent ${TOKEN}`)).toBe(`sent ${TOKEN}`)
    expect(await reader.get(ids.credential, 'http.header')).toEqual({ name: 'X-Api-Key', value: TOKEN })
    expect(redactor.redact({ output: `X-Api-Key: ${TOKEN}` })).toEqual({ output: `X-Api-Key: ${REDACTED}` })
  })

  it("treats another user's credential as missing: CREDENTIAL_NOT_FOUND", async () => {
    const reader = createSecretReader(t.deps, { userId: ids.bob, all: false })
    const err = await failure(reader.get(ids.credential, 'http.header'))
    expect(err.code).toBe('CREDENTIAL_NOT_FOUND')
    expect(err.retryable).toBe(false)
    expect((await failure(reader.get('no-such-id', 'http.header'))).code).toBe('CREDENTIAL_NOT_FOUND')
  })

  it('refuses a credential of another type with CREDENTIAL_TYPE_MISMATCH and registers nothing', async () => {
    const redactor = createRedactor()
    const reader = createSecretReader({ ...t.deps, redactor }, { userId: ids.alice, all: false })
    const err = await failure(reader.get(ids.credential, 'http.bearer'))
    expect(err.code).toBe('CREDENTIAL_TYPE_MISMATCH')
    expect(err.message).not.toContain(TOKEN)
    expect(redactor.redact(TOKEN)).toBe(TOKEN)
  })

  it('reports a credential sealed under another key as unreadable, without its bytes', async () => {
    const stored = await t.deps.store.getCredential({ userId: ids.alice, all: false }, ids.credential)
    await t.deps.store.updateCredential({ userId: ids.alice, all: false }, ids.credential, {
      secret: { ciphertext: `${stored?.ciphertext}x`, keyId: 'testkey1', hint: '…' },
    })
    const reader = createSecretReader(t.deps, { userId: ids.alice, all: false })
    expect((await failure(reader.get(ids.credential, 'http.header'))).code).toBe('CREDENTIAL_UNREADABLE')
  })
})
