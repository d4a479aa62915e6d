import { createSqliteStore } from './create-sqlite-store.ts'

/**
 * One side of a cross-process race (see sqlite-store.test.ts). It opens the brand-new file at the same instant as
 * the other side (racing the migrations), then, told which flow, claims the same keys and publishes the same flow.
 */
const { file, name, rounds, openAt } = JSON.parse(process.argv[2] ?? '{}') as {
  file: string
  name: string
  rounds: number
  openAt: number
}
while (Date.now() < openAt) {
  // Spin rather than sleep: a timer could be late by more than the race window.
}
const store = createSqliteStore({ file })
process.send?.({ opened: true })
process.once('message', async (message) => {
  const { flowId, userId } = message as { flowId: string; userId: string }
  const won: string[] = []
  const versions: number[] = []
  for (let i = 0; i < rounds; i++) {
    const claim = await store.claimDelivery({
      flowId,
      idempotencyKey: `k${i}`,
      requestHash: 'same-request',
      runId: `${name}-${i}`,
      now: 1_000,
    })
    if (claim.claimed) won.push(`k${i}`)
    const version = await store.publishFlow({ userId, all: false }, flowId)
    if (version) versions.push(version.version)
  }
  store.close()
  process.send?.({ won, versions }, () => process.disconnect())
})
