import { runFlow } from '@zhiliu/engine'
import { Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

// The RunStore half of the contract from the engine's side: real engine, real nodes, the store under test.
const flow = Flow.parse({
  schemaVersion: 1,
  name: 'greet',
  nodes: [
    { id: 'start', type: 'trigger.manual', version: 1 },
    {
      id: 'greet',
      type: 'text.template',
      version: 1,
      config: { template: 'Hello, {{ trigger.body.name }}' },
    },
    { id: 'shout', type: 'text.template', version: 1, config: { template: '{{ nodes.greet.text }}!' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'greet' },
    { id: 'e2', source: 'greet', target: 'shout' },
  ],
})

export function describeEngineRuns(ctx: ContractContext): void {
  describe('the engine on the store', () => {
    it('records a run the server registered, and resumes it re-running only the forgotten node', async () => {
      const store = ctx.store()
      const { user, access } = await ctx.user()
      const event = { body: { name: 'Li Lei' } }
      await store.createRunRecord({
        id: 'r1',
        ownerId: user.id,
        trigger: 'manual',
        event,
        status: 'queued',
        startedAt: 1,
      })
      let tick = 1_000
      const services = { clock: { now: () => tick++, sleep: async () => {} } }

      const first = await runFlow({ flow, event, store, runId: 'r1', services })
      expect(first.status).toBe('succeeded')
      expect(await store.getRun(access, 'r1')).toMatchObject({ ownerId: user.id, status: 'succeeded' })
      const recorded = await store.listNodeResults(access, 'r1')
      expect(recorded?.map((r) => r.key)).toEqual(['start', 'greet', 'shout'])

      await store.deleteNodeResults('r1', ['shout'])
      await store.createRun({ id: 'r1', event, status: 'running', startedAt: tick })
      const resumed = await runFlow({ flow, event, store, runId: 'r1', services, resume: true })
      expect(resumed.status).toBe('succeeded')
      const after = await store.loadNodeResults('r1')
      // Kept results are untouched (same timestamps); only `shout` ran again, later.
      expect(after.slice(0, 2)).toStrictEqual(recorded?.slice(0, 2))
      expect(after[2]).toMatchObject({ key: 'shout', output: { text: 'Hello, Li Lei!' } })
      expect(after[2]?.startedAt).toBeGreaterThan(recorded?.[2]?.finishedAt ?? Infinity)
      expect(await store.getRun(access, 'r1')).toMatchObject({ status: 'succeeded', startedAt: 1 })
    })
  })
}
