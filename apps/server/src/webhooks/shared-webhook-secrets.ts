import type { Store } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { createWebhookSecrets, type WebhookSecrets } from './webhook-secrets.ts'

const byStore = new WeakMap<Store, WebhookSecrets>()

/**
 * One secrets cache per store, shared by the hooks (which verify) and the API route (which rotates): a rotation
 * must take effect for the very next call, not when a separate cache expires. With REDIS_URL a rotation also
 * empties the other processes' caches for that flow.
 */
export function webhookSecretsFor(
  deps: Pick<AppDeps, 'store' | 'secretBox' | 'now' | 'cluster'>,
): WebhookSecrets {
  let secrets = byStore.get(deps.store)
  if (!secrets) {
    const own = createWebhookSecrets(deps)
    const signals = deps.cluster?.signals
    signals?.on('webhook-secret.rotated', (flowId) => own.forget(flowId))
    secrets = {
      ...own,
      async rotate(flow) {
        const secret = await own.rotate(flow)
        signals?.send('webhook-secret.rotated', flow.id)
        return secret
      },
    }
    byStore.set(deps.store, secrets)
  }
  return secrets
}
