import { describe, expect, it } from 'vitest'
import { DELIVERY_TTL_MS, SLOT_RETENTION_MS } from '../store.ts'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeClaims(ctx: ContractContext): void {
  const flow = async () => {
    const { access } = await ctx.user()
    return ctx.store().createFlow(access, { document: flowDocument('hooked') })
  }

  describe('webhook delivery claims', () => {
    it('lets the first claim of a key win and points later ones at its run', async () => {
      const { id: flowId } = await flow()
      const { id: otherFlowId } = await flow()
      const claim = (runId: string, now: number, onFlow = flowId) =>
        ctx.store().claimDelivery({ flowId: onFlow, idempotencyKey: 'evt_1', requestHash: 'h1', runId, now })
      expect(await claim('run-1', 1_000)).toEqual({ claimed: true })
      expect(await claim('run-2', 2_000)).toEqual({ claimed: false, runId: 'run-1', requestHash: 'h1' })
      // Keys are per flow.
      expect(await claim('run-3', 2_000, otherFlowId)).toEqual({ claimed: true })
    })

    it('frees a released key for the next claim, but only while the released run still holds it', async () => {
      const { id: flowId } = await flow()
      const claim = (runId: string) =>
        ctx.store().claimDelivery({ flowId, idempotencyKey: 'evt_1', requestHash: 'h1', runId, now: 1_000 })
      const release = (runId: string) =>
        ctx.store().releaseDelivery({ flowId, idempotencyKey: 'evt_1', runId })
      expect(await claim('never-stored')).toEqual({ claimed: true })
      await release('never-stored')
      expect(await claim('run-2')).toEqual({ claimed: true })
      // A late release for the first run does not free the key the second one holds now.
      await release('never-stored')
      expect(await claim('run-3')).toEqual({ claimed: false, runId: 'run-2', requestHash: 'h1' })
    })

    it('frees a key once its claim is older than the TTL', async () => {
      const { id: flowId } = await flow()
      const claim = (runId: string, now: number) =>
        ctx.store().claimDelivery({ flowId, idempotencyKey: 'k', requestHash: runId, runId, now })
      await claim('run-1', 1_000)
      expect(await claim('run-2', 1_000 + DELIVERY_TTL_MS - 1)).toMatchObject({
        claimed: false,
        runId: 'run-1',
      })
      expect(await claim('run-3', 1_000 + DELIVERY_TTL_MS)).toEqual({ claimed: true })
      expect(await claim('run-4', 1_000 + DELIVERY_TTL_MS + 1)).toMatchObject({
        claimed: false,
        runId: 'run-3',
      })
    })

    it('lets exactly one of many concurrent claims on a key win', async () => {
      const { id: flowId } = await flow()
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          ctx.store().claimDelivery({
            flowId,
            idempotencyKey: 'same',
            requestHash: `hash-${i}`,
            runId: `run-${i}`,
            now: 5_000,
          }),
        ),
      )
      const winners = results.flatMap((r, i) => (r.claimed ? [`run-${i}`] : []))
      expect(winners).toHaveLength(1)
      for (const r of results) if (!r.claimed) expect(r.runId).toBe(winners[0])
    })

    it("reports the winning claim's request hash to every later claim of the key, whatever hash they bring", async () => {
      const { id: flowId } = await flow()
      const claim = (requestHash: string, runId: string) =>
        ctx.store().claimDelivery({ flowId, idempotencyKey: 'order-42', requestHash, runId, now: 1_000 })
      expect(await claim('sha256:first', 'run-1')).toEqual({ claimed: true })
      expect(await claim('sha256:first', 'run-2')).toEqual({
        claimed: false,
        runId: 'run-1',
        requestHash: 'sha256:first',
      })
      expect(await claim('sha256:other', 'run-3')).toEqual({
        claimed: false,
        runId: 'run-1',
        requestHash: 'sha256:first',
      })
    })
  })

  describe('schedule slot claims', () => {
    it('claims each planned slot of a flow once, however often it is asked', async () => {
      const { id: flowId } = await flow()
      const slot = Date.UTC(2025, 0, 1, 9)
      expect(await ctx.store().claimSlot({ flowId, slot, runId: 'r1' })).toBe(true)
      expect(await ctx.store().claimSlot({ flowId, slot, runId: 'r2' })).toBe(false)
      expect(await ctx.store().claimSlot({ flowId, slot: slot + 60_000, runId: 'r3' })).toBe(true)
      const concurrent = await Promise.all(
        ['a', 'b', 'c'].map((runId) => ctx.store().claimSlot({ flowId, slot: slot + 120_000, runId })),
      )
      expect(concurrent.filter(Boolean)).toHaveLength(1)
    })

    it('still refuses a slot within the retention window after newer slots were claimed', async () => {
      const { id: flowId } = await flow()
      const slot = Date.UTC(2025, 0, 1, 9)
      await ctx.store().claimSlot({ flowId, slot, runId: 'r1' })
      await ctx.store().claimSlot({ flowId, slot: slot + SLOT_RETENTION_MS, runId: 'r2' })
      expect(await ctx.store().claimSlot({ flowId, slot, runId: 'r3' })).toBe(false)
    })
  })
}
