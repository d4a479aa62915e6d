import type { Store } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { createWebhookSecrets, type WebhookSecrets } from './webhook-secrets.ts'

const byStore = new WeakMap<Store, WebhookSecrets>()

/**
 * One secrets cache per store, shared by the hooks (which verify) and the API route (which rotates): a rotation
 * must take effect for the very next call, not when a separate cache expires.
 */
export function webhookSecretsFor(deps: Pick<AppDeps, 'store' | 'secretBox' | 'now'>): WebhookSecrets {
  let secrets = byStore.get(deps.store)
  if (!secrets) {
    secrets = createWebhookSecrets(deps)
    byStore.set(deps.store, secrets)
  }
  return secrets
}
