import type { NodeResult, PausePoint, RunOutcome } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

const trigger: NodeResult = {
  key: 't',
  nodeId: 't',
  status: 'succeeded',
  ports: ['out'],
  output: { body: { name: '李' } },
  attempts: 1,
  startedAt: 3,
  finishedAt: 4,
}
const point: PausePoint = {
  key: 'write',
  nodeId: 'write',
  input: { config: { prompt: '你好 李' }, inputs: { in: { body: { name: '李' } } } },
  until: 7_200_009,
}
const paused: RunOutcome = { status: 'paused', paused: point, finishedAt: 9 }

export function describePauses(ctx: ContractContext): void {
  describe('paused runs (step through)', () => {
    const pausedRun = async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access, { history: 'none' })
      await ctx.store().setPauseRules(run.id, { before: ['write'] })
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, trigger)
      await ctx.store().finishRun(run.id, paused)
      return { access, runId: run.id }
    }

    it('keeps a paused run open with its rules and the node it waits before, whatever its run history setting', async () => {
      const { access, runId } = await pausedRun()
      expect(await ctx.store().getRun(access, runId)).toMatchObject({
        status: 'paused',
        finishedAt: null,
        pauseRules: { before: ['write'] },
        pausedBefore: point,
      })
      expect(await ctx.store().loadNodeResults(runId)).toEqual([trigger])
      expect((await ctx.store().listRunsWithStatus('paused')).map((r) => r.id)).toEqual([runId])
      const listed = (await ctx.store().listRuns(access)).items[0]
      expect(listed).toMatchObject({ id: runId, status: 'paused' })
      expect(listed).not.toHaveProperty('pausedBefore')
    })

    it('resumes a paused run once: queued with the new rules and no paused node; a second resume finds nothing', async () => {
      const { access, runId } = await pausedRun()
      const rules = { step: true, release: { key: 'write' } }
      const results = await Promise.all([
        ctx.store().resumePausedRun(runId, rules),
        ctx.store().resumePausedRun(runId, rules),
      ])
      expect(results.sort()).toEqual([false, true])
      expect(await ctx.store().getRun(access, runId)).toMatchObject({
        status: 'queued',
        pauseRules: rules,
        pausedBefore: null,
      })
    })

    it('does not pause or resume a run cancelled meanwhile', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      await ctx.store().finishRun(run.id, { status: 'cancelled', finishedAt: 5 })
      await ctx.store().finishRun(run.id, paused)
      expect(await ctx.store().resumePausedRun(run.id, {})).toBe(false)
      expect((await ctx.store().getRun(access, run.id))?.status).toBe('cancelled')
    })
  })
}
