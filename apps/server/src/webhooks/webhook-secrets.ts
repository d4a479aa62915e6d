import type { FlowRecord, Store } from '@zhiliu/db'
import type { SecretBox } from '../security/secret-box.ts'
import { generateWebhookSecret } from '../security/webhook-signature.ts'

export const WEBHOOK_SECRET_TYPE = 'webhook-secret'
const CACHE_MS = 60_000

export interface WebhookSecrets {
  /** The flow's signing secret, or undefined when none was created yet. */
  get(flow: Pick<FlowRecord, 'id' | 'ownerId'>): Promise<string | undefined>
  /** Creates the secret, or replaces it: the previous one stops working at once. */
  rotate(flow: Pick<FlowRecord, 'id' | 'ownerId'>): Promise<string>
  /** Drops the cached secret: another process rotated it. */
  forget(flowId: string): void
}

/**
 * A flow's webhook secret is stored as one of its owner's credentials (type `webhook-secret`, named after the flow),
 * sealed like any other, so it shows up masked in the credentials list and is never sent back by the API. It is
 * sealed with its own context, which keeps nodes from reading it through `ctx.secrets`. Decrypted secrets are kept
 * in memory for a minute: checking a signature must not cost a database read and a decryption per call, and a
 * secret deleted from the credentials list stops working soon after.
 */
export function createWebhookSecrets(deps: {
  store: Store
  secretBox: SecretBox
  now: () => number
}): WebhookSecrets {
  const cache = new Map<string, { secret: string; until: number }>()
  const remember = (flowId: string, secret: string) =>
    cache.set(flowId, { secret, until: deps.now() + CACHE_MS })
  const nameOf = (flowId: string) => `webhook:${flowId}`
  const find = async (flow: Pick<FlowRecord, 'id' | 'ownerId'>) => {
    const access = { userId: flow.ownerId, all: false }
    const all = await deps.store.listCredentials(access)
    const found = all.find((c) => c.type === WEBHOOK_SECRET_TYPE && c.name === nameOf(flow.id))
    return found && (await deps.store.getCredential(access, found.id))
  }
  const seal = (flowId: string, secret: string) => {
    const ciphertext = deps.secretBox.seal(secret, nameOf(flowId))
    // The sealed form names its key: `v1.<keyId>.…`.
    return { ciphertext, keyId: ciphertext.split('.')[1] ?? '', hint: `whsec_…${secret.slice(-4)}` }
  }
  return {
    async get(flow) {
      const hit = cache.get(flow.id)
      if (hit && hit.until > deps.now()) return hit.secret
      const row = await find(flow)
      if (!row) {
        cache.delete(flow.id)
        return undefined
      }
      const secret = deps.secretBox.open(row.ciphertext, nameOf(flow.id))
      remember(flow.id, secret)
      return secret
    },
    async rotate(flow) {
      const secret = generateWebhookSecret()
      const sealed = seal(flow.id, secret)
      const access = { userId: flow.ownerId, all: false }
      const existing = await find(flow)
      if (existing) await deps.store.updateCredential(access, existing.id, { secret: sealed })
      else
        await deps.store.createCredential(access, {
          name: nameOf(flow.id),
          type: WEBHOOK_SECRET_TYPE,
          ...sealed,
        })
      remember(flow.id, secret)
      return secret
    },
    forget(flowId) {
      cache.delete(flowId)
    },
  }
}
