import type { SecretBox } from '../security/secret-box.ts'

const CONTEXT = 'run-status'

/**
 * Capability tokens for `GET /hooks/runs/:runId?token=…`: a webhook caller has no session, so the status URL itself
 * carries the permission. The token is the run id sealed with the server key (AES-GCM), so it cannot be guessed or
 * moved to another run, and nothing needs storing.
 */
export function createStatusTokens(secretBox: SecretBox) {
  return {
    issue: (runId: string) => secretBox.seal(runId, CONTEXT),
    check(runId: string, token: string): boolean {
      try {
        return secretBox.open(token, CONTEXT) === runId
      } catch {
        return false
      }
    },
  }
}
